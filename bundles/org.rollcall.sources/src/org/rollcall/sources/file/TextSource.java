package org.rollcall.sources.file;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
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
        refuseWrongEncoding(input, charset);
        Reader decoded = new StrictDecoder(bytes, charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        this.reader = new LineLimit(decoded, limitLines ? mapping.maxLineLength() : Integer.MAX_VALUE);
    }

    /** How much of the file's start is looked at to tell text in another encoding than the mapping's. */
    private static final int HEAD = 4096;

    /**
     * Fails a file that is clearly UTF-16 under a mapping of a single-byte or UTF-8 encoding: its ASCII text is
     * valid UTF-8 with a NUL after (or before) every character, so it would read, and every row be quarantined.
     */
    private static void refuseWrongEncoding(SourceInput input, Charset charset) throws IOException {
        if (charset.name().startsWith("UTF-16") || charset.name().startsWith("UTF-32")) {
            return;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(input.file())) {
            head = in.readNBytes(HEAD);
        }
        String utf16 = null;
        if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
            utf16 = "UTF-16LE (it starts with a UTF-16LE byte-order mark)";
        } else if (head.length >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
            utf16 = "UTF-16BE (it starts with a UTF-16BE byte-order mark)";
        } else {
            int evenZeros = 0;
            int oddZeros = 0;
            for (int i = 0; i < head.length; i++) {
                if (head[i] == 0) {
                    if (i % 2 == 0) {
                        evenZeros++;
                    } else {
                        oddZeros++;
                    }
                }
            }
            // text has no NUL bytes; a third of the bytes at one parity being NUL is UTF-16 with mostly ASCII text
            int half = head.length / 2;
            if (half >= 8 && oddZeros * 3 > half && oddZeros > 4 * evenZeros) {
                utf16 = "UTF-16LE (every other byte is zero)";
            } else if (half >= 8 && evenZeros * 3 > half && evenZeros > 4 * oddZeros) {
                utf16 = "UTF-16BE (every other byte is zero)";
            }
        }
        if (utf16 != null) {
            String encoding = utf16.substring(0, utf16.indexOf(' '));
            throw new SourceException(input.name() + " line 1: the file is not " + charset.name() + " text as mapping "
                    + input.mapping().name() + " says: it looks like " + utf16 + ". Set encoding: " + encoding
                    + " in the mapping, or save the file as UTF-8");
        }
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
            // the decoder hands out every character before the bad bytes, so the reader's line is theirs
            where = input.name() + " line " + reader.line;
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

    /**
     * Decodes strictly, handing out every character before a malformed or unmappable byte sequence and failing on
     * the read after, so that the lines counted when it fails end on the line that holds the bad bytes.
     * InputStreamReader drops the characters it decoded in the same read as the bad bytes (up to 8,192), so the
     * line reported for them was up to a hundred or more lines early.
     */
    private static final class StrictDecoder extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
        private boolean endOfInput;
        private boolean flushed;
        private CoderResult pendingError;

        StrictDecoder(InputStream in, CharsetDecoder decoder) {
            this.in = in;
            this.decoder = decoder;
        }

        @Override
        public int read(char[] buffer, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            if (pendingError != null) {
                pendingError.throwException();
            }
            if (flushed) {
                return -1;
            }
            CharBuffer out = CharBuffer.wrap(buffer, offset, count);
            while (true) {
                CoderResult result = decoder.decode(bytes, out, endOfInput);
                if (result.isError()) {
                    if (out.position() > offset) {
                        pendingError = result;
                        return out.position() - offset;
                    }
                    result.throwException();
                }
                if (result.isOverflow()) {
                    return out.position() - offset;
                }
                if (endOfInput) {
                    if (!flushed && decoder.flush(out).isUnderflow()) {
                        flushed = true;
                    }
                    int n = out.position() - offset;
                    return n == 0 ? -1 : n;
                }
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    endOfInput = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
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
