package org.vidshare.core.spi;

/**
 * One feature of the server: a plugin module provides one (or a few that share state, as the
 * tasks example), found through
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

    /**
     * What running the command costs the caller under the server's configuration, when it has one
     * fixed price (buy_vip), so that a client states it before asking; empty when it costs nothing
     * or the price depends on the request. Listed in {@code features} as {@code price_cents}.
     */
    default java.util.OptionalLong priceCents(Settings settings) {
        return java.util.OptionalLong.empty();
    }
}
