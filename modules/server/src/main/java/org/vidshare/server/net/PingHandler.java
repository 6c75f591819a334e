package org.vidshare.server.net;

import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;

/** {@code ping}: keeps an idle connection open. Part of the core, listed as a feature without a menu. */
public final class PingHandler implements CommandHandler {
    static final String TYPE = "ping";
    private static final CommandSpec SPEC = CommandSpec.builder(TYPE, Audience.PUBLIC)
            .label("保持连接", "Ping")
            .repeatable()
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) {
        return Reply.ok();
    }
}
