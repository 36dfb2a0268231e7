package org.rollcall.engine;

/** A live source definition that cannot be used, with a message naming where and why. */
public final class LiveSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LiveSourceException(String message) {
        super(message);
    }
}
