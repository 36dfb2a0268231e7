package org.rollcall.sources.file;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.SourceException;
import org.rollcall.sources.SourceInput;

/**
 * A text export opened as its mapping says: decoded strictly in the mapping's encoding (a byte sequence that is
 * not valid text stops the import instead of turning into '?'), a UTF-8 byte-order mark skipped, lines longer
 * than the mapping's limit refused, and the bytes read counted for progress.
 */
final class TextSource implements AutoCloseable {

    private final SourceInput input;
    private final BoundedInputStream counted;
    private final LineLimit reader;
    private final long size;

    TextSource(SourceInput input) throws IOException {
        this(input, true);
    }

    /**
     * @param limitLines whether to refuse lines over the mapping's max_line_length (not for JSON, which an API may
     *        write as one line)
     */
    TextSource(SourceInput input, boolean limitLines) throws IOException {
        this.input = input;
        Mapping mapping = input.mapping();
        this.size = Files.size(input.file());
        InputStream raw = Files.newInputStream(input.file());
        this.counted = BoundedInputStream.builder().setInputStream(raw).get();
        InputStream bytes = counted;
        Charset charset = mapping.encoding();
        if (charset.equals(StandardCharsets.UTF_8)) {
            bytes = BOMInputStream.builder().setInputStream(counted).setByteOrderMarks(ByteOrderMark.UTF_8)
                    .setInclude(false).get();
        }
        Reader decoded = new InputStreamReader(bytes, charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        this.reader = new LineLimit(decoded, limitLines ? mapping.maxLineLength() : Integer.MAX_VALUE);
    }

    /** The input's mapping, which file adapters cannot do without. */
    static Mapping mappingOf(SourceInput input, org.rollcall.sources.SourceAdapter adapter) {
        if (input.mapping() == null) {
            throw new SourceException(input.name() + ": the " + adapter.name() + " adapter needs a mapping that "
                    + "says which columns hold which fields");
        }
        return input.mapping();
    }

    Reader reader() {
        return reader;
    }

    long bytesRead() {
        return counted.getCount();
    }

    long size() {
        return size;
    }

    /** Skips the mapping's leading lines (titles, notes) and returns how many were skipped. */
    int skipLeadingLines() throws IOException {
        int skipped = 0;
        while (skipped < input.mapping().skipLines()) {
            int c;
            while ((c = reader.read()) != -1 && c != '\n') {
                // skip the line
            }
            if (c == -1) {
                break;
            }
            skipped++;
        }
        return skipped;
    }

    /**
     * Turns an error of reading the text into a message that names the file and line and says what to do.
     * {@code line} is the line being read when it happened.
     */
    SourceException explain(IOException e, long line) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof CharacterCodingException) && !(cause instanceof LineTooLong)) {
            cause = cause.getCause();
        }
        String where = input.name() + " line " + line;
        if (cause instanceof CharacterCodingException) {
            return new SourceException(where + ": bytes that are not valid " + input.mapping().encoding().name()
                    + " text. If the file was saved as Latin-1 or Windows-1252 (common for older SIS exports), "
                    + "set encoding: windows-1252 in mapping " + input.mapping().name(), e);
        }
        if (cause instanceof LineTooLong tooLong) {
            return new SourceException(input.name() + " line " + tooLong.line + " is longer than "
                    + String.format("%,d", tooLong.limit) + " characters (max_line_length in mapping "
                    + input.mapping().name() + "): is it the file the mapping describes, or is a quote left open?", e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            return new SourceException(where + ": a quoted field is still open at the end of the file; the file is "
                    + "truncated or a quote character is not closed", e);
        }
        return new SourceException(where + ": " + message, e);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Raised when a line exceeds the limit, before it is all read into memory. */
    static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;
        final long line;
        final int limit;

        LineTooLong(long line, int limit) {
            super("line " + line + " is longer than " + limit + " characters");
            this.line = line;
            this.limit = limit;
        }
    }

    /** Counts characters since the last line end and refuses a line over the limit. */
    private static final class LineLimit extends FilterReader {
        private final int limit;
        private long line = 1;
        private int length;

        LineLimit(Reader in, int limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c != -1) {
                see((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int count) throws IOException {
            int n = super.read(buffer, offset, count);
            for (int i = 0; i < n; i++) {
                see(buffer[offset + i]);
            }
            return n;
        }

        private void see(char c) throws LineTooLong {
            if (c == '\n') {
                line++;
                length = 0;
            } else if (++length > limit) {
                throw new LineTooLong(line, limit);
            }
        }
    }
}
