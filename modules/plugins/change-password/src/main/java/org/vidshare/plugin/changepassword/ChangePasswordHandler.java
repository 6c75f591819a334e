package org.vidshare.plugin.changepassword;

import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.Inputs;
import org.vidshare.core.spi.LoginGuard;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;

/**
 * {@code change_password}: needs the old password, which counts as a login attempt (a wrong one
 * is a failure for the name on this address and for the address). The new password ends the account's
 * other sessions; this connection's stays.
 */
public final class ChangePasswordHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("change_password", Audience.ANY_ACCOUNT)
            .label("修改密码", "Change password")
            .menu("账户", "Account", 130)
            .field(Field.of("old_password", FieldKind.PASSWORD, Text.of("旧密码", "Old password")))
            .field(Field.of("new_password", FieldKind.PASSWORD, Text.of("新密码", "New password")))
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        String oldPassword = Inputs.md5Password(request, "old_password");
        String newPassword = Inputs.md5Password(request, "new_password");
        // Only a login resets the failure count: a successful change just ends the attempt.
        try (LoginGuard.Attempt attempt = context.loginGuard().begin(caller.name(), context.remoteAddress())) {
            User current = context.transactions().inTransaction(em -> Users.byId(em, caller.userId()))
                    .orElseThrow(() -> CommandException.of(ErrorCode.NOT_FOUND));
            if (!context.passwords().matches(oldPassword, current.getPasswordHash())) {
                attempt.failed();
                throw CommandException.of(ErrorCode.BAD_CREDENTIALS);
            }
        }
        String hash = context.passwords().hash(newPassword);
        context.transactions().inTransaction(em -> {
            Users.byId(em, caller.userId()).orElseThrow(() -> CommandException.of(ErrorCode.NOT_FOUND))
                    .setPasswordHash(hash);
            return null;
        });
        context.sessions().endOthersOf(caller.userId());
        return Reply.ok("密码已修改", "Password changed");
    }
}
