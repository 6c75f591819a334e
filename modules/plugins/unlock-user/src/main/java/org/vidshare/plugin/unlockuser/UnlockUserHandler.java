package org.vidshare.plugin.unlockuser;

import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;

/**
 * {@code unlock_user} (admin): lifts the admin lock and also the name's failure lock, so that the
 * person can log in right away.
 */
public final class UnlockUserHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("unlock_user", Audience.ADMIN)
            .label("解锁用户", "Unlock user")
            .menu("用户", "Users", 420)
            .field(Field.of("user_id", FieldKind.NUMBER, Text.of("用户 ID", "User id")))
            .onRowsOf("list_users", "user_id", "id")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        long userId = request.requireLong("user_id");
        String name = context.transactions().inTransaction(em -> {
            User user = Users.requireLocked(em, userId);
            user.setLocked(false);
            return user.getName();
        });
        context.loginGuard().clear(name);
        return Reply.ok("用户已解锁", "User unlocked").put("user_id", userId).put("is_locked", 0);
    }
}
