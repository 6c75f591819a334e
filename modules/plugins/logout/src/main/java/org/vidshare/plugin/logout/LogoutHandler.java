package org.vidshare.plugin.logout;

import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;

/** {@code logout}: the connection's session token is dead at once; the connection stays open. */
public final class LogoutHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("logout", Audience.ANY_ACCOUNT)
            .label("退出登录", "Log out")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) {
        context.sessions().closeCurrent();
        return Reply.ok("已退出", "Logged out");
    }
}
