package org.vidshare.plugin.login;

import java.util.Optional;
import org.vidshare.core.hash.Passwords;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.LoginGuard;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.Role;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;

/**
 * {@code login}: checks, in the order of docs/protocol.md (Sessions and roles), the address limit, the name's
 * failure lock, name and password, the admin lock and the optional user type; then opens a session
 * on this connection. A login by transfer ticket instead of name and password is {@link TicketLogin}'s.
 */
public final class LoginHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("login", Audience.PUBLIC)
            .label("登录", "Log in")
            .menu("账户", "Account", 110)
            .field(Field.of("name", FieldKind.TEXT, Text.of("用户名", "Name")).max(32))
            .field(Field.of("password", FieldKind.PASSWORD, Text.of("密码", "Password")))
            .field(Field.of("user_type", FieldKind.CHOICE, Text.of("用户类型", "Account type")).choices("user", "admin").optional())
            .result(org.vidshare.core.spi.ResultKind.RECORD)
            .build();

    private volatile String decoyHash;

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        if (request.optString(TicketLogin.FIELD).isPresent()) {
            return TicketLogin.handle(request, context);
        }
        String name = org.vidshare.core.spi.Inputs.loginName(request, "name");
        if (name.codePointCount(0, name.length()) > org.vidshare.core.spi.Inputs.MAX_NAME_CHARS) {
            // No account can have this name, and the failure limits would keep it (up to a frame's
            // size) in memory for the lock time: a too-long text, like anywhere else.
            throw Request.invalid("name", "长度不能超过 32 个字符", "must be at most 32 characters long");
        }
        String password = org.vidshare.core.spi.Inputs.md5Password(request, "password");
        Optional<String> userType = request.optString("user_type");
        if (userType.isPresent() && Role.fromWire(userType.get()).isEmpty()) {
            // A value no account can have is a malformed request, not a wrong guess of the type.
            throw Request.invalid("user_type", "必须是 user 或 admin", "must be user or admin");
        }
        String address = context.remoteAddress();

        context.loginGuard().checkAddress(address);
        User user;
        try (LoginGuard.Attempt attempt = context.loginGuard().begin(name)) {
            Optional<User> found = context.transactions().inTransaction(em -> Users.byName(em, name));
            if (found.isEmpty() || !context.passwords().matches(password, found.get().getPasswordHash())) {
                if (found.isEmpty()) {
                    // Spend the same time as a real check, so response times do not reveal which names exist.
                    context.passwords().matches(password, decoy(context));
                }
                attempt.failed(address);
                throw CommandException.of(ErrorCode.BAD_CREDENTIALS);
            }
            user = found.get();
            if (user.isLocked()) {
                throw new CommandException(ErrorCode.LOCKED, "账户已被管理员锁定", "The account is locked by an admin");
            }
            if (userType.isPresent() && !userType.get().equals(user.getUserType())) {
                throw CommandException.of(ErrorCode.WRONG_USER_TYPE);
            }
            attempt.succeeded();
        }
        return SessionOpening.open(context, user,
                new CommandException(ErrorCode.LOCKED, "账户已被管理员锁定", "The account is locked by an admin"));
    }

    private String decoy(CommandContext context) {
        String hash = decoyHash;
        if (hash == null) {
            hash = context.passwords().hash(Passwords.md5Hex("decoy"));
            decoyHash = hash;
        }
        return hash;
    }
}
