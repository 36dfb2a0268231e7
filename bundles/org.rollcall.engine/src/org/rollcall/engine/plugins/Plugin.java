package org.rollcall.engine.plugins;

import java.nio.file.Path;

/**
 * A plugin as read from its jar: its descriptor, the file, the jar's SHA-256 (what is installed is pinned to it), and
 * who signed it ({@code null} when unsigned).
 */
public record Plugin(PluginDescriptor descriptor, Path file, String sha256, String signer) {

    public String id() {
        return descriptor.id();
    }
}
