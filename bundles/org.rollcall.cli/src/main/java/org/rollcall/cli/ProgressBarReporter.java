package org.rollcall.cli;

import java.io.PrintStream;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.rollcall.sources.ImportProgress;
import org.rollcall.synthetic.GenerationProgress;

/** Shows generation and import progress as a terminal progress bar, one bar per phase. */
public final class ProgressBarReporter implements GenerationProgress, ImportProgress, AutoCloseable {

    private final PrintStream out;
    private ProgressBar bar;
    private String phase;

    public ProgressBarReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void update(String phase, long done, long total) {
        if (bar == null || !phase.equals(this.phase)) {
            close();
            this.phase = phase;
            ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(phase).setInitialMax(max(total))
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(250);
            if (phase.startsWith("Importing")) {
                builder.setUnit(" MB", 1 << 20); // file adapters count bytes read
            }
            bar = builder.build();
        }
        bar.maxHint(max(total));
        bar.stepTo(done);
    }

    /** A query's rows are counted without a total until the last one: the bar then shows an open count. */
    private static long max(long total) {
        return total > 0 ? total : -1;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
