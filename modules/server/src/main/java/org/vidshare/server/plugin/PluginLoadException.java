package org.vidshare.server.plugin;

/** A plugin set the server refuses to start with: duplicate types, a bad spec, an unreadable jar. */
public final class PluginLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
