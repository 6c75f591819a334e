package org.vidshare.server.config;

/** A configuration that cannot start the server; the message names the key and the reason. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
