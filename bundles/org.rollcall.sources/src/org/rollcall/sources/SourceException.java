package org.rollcall.sources;

/**
 * A file or mapping that cannot be read as a whole. The message names the file, and where it can the line and
 * field, and says what to do; the file's import leaves the store unchanged.
 */
public class SourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
