package org.vidshare.plugin.lockuser;

import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.TransferTickets;
import org.vidshare.domain.Users;

/**
 * {@code lock_user} (admin): the account can no longer log in, and its live sessions end at once
 * (idle connections get {@code not_logged_in} next; a transfer in flight is cut).
 */
public final class LockUserHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("lock_user", Audience.ADMIN)
            .label("锁定用户", "Lock user")
            .menu("用户", "Users", 410)
            .field(Field.of("user_id", FieldKind.NUMBER, Text.of("用户 ID", "User id")))
            .onRowsOf("list_users", "user_id", "id")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller admin = context.requireCaller();
        long userId = request.requireLong("user_id");
        if (userId == admin.userId()) {
            // An admin locking themselves out could leave the server with no usable admin.
            throw CommandException.badRequest("不能锁定自己的账户", "You cannot lock your own account");
        }
        context.transactions().inTransaction(em -> {
            // The row lock orders this change with concurrent wallet changes instead of failing them.
            Users.requireLocked(em, userId).setLocked(true);
            // Its transfer tickets die with the lock, whichever node issued them (login by ticket
            // also checks the lock: this only keeps dead rows from waiting for their expiry).
            TransferTickets.endAccount(em, userId);
            return null;
        });
        // After the commit, so that a login racing with this lock either sees it (login re-reads the
        // lock once its session is open) or opened its session before this call ends it.
        context.sessions().endAllOf(userId);
        return Reply.ok("用户已锁定", "User locked").put("user_id", userId).put("is_locked", 1);
    }
}
