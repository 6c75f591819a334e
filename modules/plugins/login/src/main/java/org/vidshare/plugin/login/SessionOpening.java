package org.vidshare.plugin.login;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Role;
import org.vidshare.domain.Notices;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;

/** The end of every kind of login: a session on this connection and the login reply (docs/protocol.md, login). */
final class SessionOpening {
    private SessionOpening() {
    }

    /** @param whenLocked what the login says if an admin locked the account while it ran */
    static Reply open(CommandContext context, User user, CommandException whenLocked) throws CommandException {
        Role role = user.isAdmin() ? Role.ADMIN : Role.USER;
        String token = context.sessions().open(new Caller(user.getId(), user.getName(), role));
        if (lockedMeanwhile(context, user.getId())) {
            // lock_user committed between our read and open(): its endAllOf may have run before our
            // session existed, so this login must not leave a live session behind.
            context.sessions().closeCurrent();
            throw whenLocked;
        }
        return reply(context, user, token, role);
    }

    /** The login reply for a session just opened. */
    static Reply reply(CommandContext context, User user, String token, Role role) throws CommandException {
        Map<String, Object> lastNotice = context.transactions()
                .inTransaction(em -> Notices.newest(em).map(Notices::toWire).orElse(null));
        return Reply.ok("登录成功", "Logged in")
                .put("session", token)
                .put("user_id", user.getId())
                .put("is_vip", user.isVip() ? 1 : 0)
                .put("user_type", user.getUserType())
                .put("balance_cents", user.getBalanceCents())
                .put("last_notice", lastNotice == null ? null : new LinkedHashMap<>(lastNotice))
                .put("features", context.featuresFor(role));
    }

    private static boolean lockedMeanwhile(CommandContext context, long userId) throws CommandException {
        return context.transactions().inTransaction(em -> Users.byId(em, userId).map(User::isLocked).orElse(true));
    }
}
