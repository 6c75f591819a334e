package org.vidshare.plugin.resetpassword;

import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.Inputs;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.Users;

/**
 * {@code reset_password} (admin): sets a new password for an account and ends the account's sessions
 * (but the admin's own, when an admin resets their own password). By docs/protocol.md it does not clear
 * the failure lock (that is {@code unlock_user}'s job).
 */
public final class ResetPasswordHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("reset_password", Audience.ADMIN)
            .label("重置密码", "Reset password")
            .menu("用户", "Users", 430)
            .field(Field.of("user_id", FieldKind.NUMBER, Text.of("用户 ID", "User id")))
            .field(Field.of("new_password", FieldKind.PASSWORD, Text.of("新密码", "New password")))
            .onRowsOf("list_users", "user_id", "id")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        long userId = request.requireLong("user_id");
        String newPassword = Inputs.md5Password(request, "new_password");
        // The slow hash runs outside the transaction, so no row stays locked while it works.
        String hash = context.passwords().hash(newPassword);
        context.transactions().inTransaction(em -> {
            Users.requireLocked(em, userId).setPasswordHash(hash);
            return null;
        });
        context.sessions().endOthersOf(userId);
        return Reply.ok("密码已重置", "Password reset").put("user_id", userId);
    }
}
