package org.rollcall.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The connection and query log of {@code rollcall serve}, for the district's records: one JSON object per line and
 * event (JSON Lines), fields in a fixed order. Every event has {@code time} (UTC, when it was written), {@code event},
 * and where known {@code user}, {@code client} (address:port) and {@code application_name}; a query adds {@code start},
 * {@code duration_ms}, {@code sql} (the text as received), {@code rows} and {@code outcome} ({@code ok} or the
 * SQLSTATE, with {@code message}). Passwords never reach the server (SCRAM), so none can be logged.
 */
public final class QueryLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final boolean ownsStream;

    private QueryLog(PrintStream out, boolean ownsStream) {
        this.out = out;
        this.ownsStream = ownsStream;
    }

    /** Appends to {@code file}, creating it (and its folder) readable by its owner only. */
    public static QueryLog appendingTo(Path file) throws IOException {
        if (!Files.exists(file)) {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
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

    /** An event to fill in and {@link Event#write}. */
    Event event(String event) {
        return new Event(event);
    }

    /** A short event: its name, who, and what happened in words. */
    void event(String event, String user, String client, String detail) {
        event(event).put("user", user).put("client", client).put("detail", detail).write();
    }

    /** One line of the log, its fields in the order they are put. */
    final class Event {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Event(String event) {
            fields.put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            fields.put("event", event);
        }

        /** Adds a field; a null or empty value is left out. */
        Event put(String name, Object value) {
            if (value != null && !"".equals(value)) {
                fields.put(name, value);
            }
            return this;
        }

        void write() {
            String line;
            try {
                line = JSON.writeValueAsString(fields);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            synchronized (out) {
                out.println(line);
            }
        }
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
