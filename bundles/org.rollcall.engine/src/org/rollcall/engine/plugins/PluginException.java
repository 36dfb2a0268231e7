package org.rollcall.engine.plugins;

/** Why a plugin cannot be installed or loaded, in words for the county's staff. */
public final class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
