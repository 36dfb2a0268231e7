package org.rollcall.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.rollcall.store.PausePoint;

/**
 * The {@code rollcall} command run in a JVM of its own, with this test's class path, so that a test can kill it
 * with {@code kill -9} ({@link Process#destroyForcibly}) at a {@link PausePoint} or at any moment.
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final Path err;

    private ChildProcess(Process process, Path err) {
        this.process = process;
        this.err = err;
    }

    /** Starts {@code rollcall args...}, pausing at {@code pauseAt} when it is not null. */
    static ChildProcess rollcall(Path dir, String pauseAt, String... args) {
        return java(dir, pauseAt, RollCall.class, args);
    }

    /** Starts {@code main}'s class with this test's class path, pausing at {@code pauseAt} when it is not null. */
    static ChildProcess java(Path dir, String pauseAt, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        if (pauseAt != null) {
            command.add("-D" + PausePoint.PROPERTY + "=" + pauseAt);
        }
        command.add(main.getName());
        command.addAll(List.of(args));
        try {
            Path err = Files.createTempFile(dir, "child", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start();
            return new ChildProcess(process, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the child says it paused at {@code point}; fails if it ends or takes over two minutes. */
    void awaitPause(String point) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (errors().contains("paused at " + point)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the child ended (" + process.exitValue() + ") before pausing at " + point
                        + ": " + errors());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child did not pause at " + point + " within two minutes: " + errors());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for the child to end by itself and returns its exit code. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            kill();
            throw new AssertionError("the child did not end within two minutes: " + errors());
        }
        return process.exitValue();
    }

    String errors() {
        try {
            return Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read its standard error: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
