package org.vidshare.core.spi;

/**
 * One feature of the server: a plugin module provides exactly one, found through
 * {@link java.util.ServiceLoader}. Handlers are shared by all connections and keep no per-connection
 * state; what a connection owns lives in the {@link CommandContext}.
 */
public interface CommandHandler {
    CommandSpec spec();

    /**
     * Runs the command on a worker thread (never a network I/O thread). Expected failures are thrown
     * as {@link CommandException}; anything else becomes an {@code internal} reply with a
     * correlation id.
     */
    Reply handle(Request request, CommandContext context) throws CommandException;

    /**
     * Whether the command is offered under the server's configuration (recharge with no provider is
     * not). One that is not is left out of {@code features} and answered {@code forbidden}.
     */
    default boolean available(Settings settings) {
        return true;
    }
}
