package org.rollcall.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The connection and query log of {@code rollcall serve}, for the district's records: one tab-separated line per
 * event (UTC time, event, user, client address, detail, rows). Query text is kept on one line.
 */
public final class QueryLog implements AutoCloseable {

    private final PrintStream out;
    private final boolean ownsStream;

    private QueryLog(PrintStream out, boolean ownsStream) {
        this.out = out;
        this.ownsStream = ownsStream;
    }

    /** Appends to {@code file}, creating it readable by its owner only. */
    public static QueryLog appendingTo(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions apply
            }
        }
        OutputStream stream = Files.newOutputStream(file, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new QueryLog(new PrintStream(stream, true, StandardCharsets.UTF_8), true);
    }

    /** Writes to a stream the caller keeps (stderr, for instance). */
    public static QueryLog to(PrintStream stream) {
        return new QueryLog(stream, false);
    }

    void event(String event, String user, String client, String detail, long rows) {
        String line = String.join("\t", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), event,
                oneLine(user), oneLine(client), oneLine(detail), rows < 0 ? "" : Long.toString(rows));
        synchronized (out) {
            out.println(line);
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }

    @Override
    public void close() {
        if (ownsStream) {
            out.close();
        } else {
            out.flush();
        }
    }
}
