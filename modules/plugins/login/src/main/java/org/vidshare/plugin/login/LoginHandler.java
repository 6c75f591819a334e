package org.vidshare.plugin.login;

import java.util.Optional;
import org.vidshare.core.hash.Passwords;
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
import org.vidshare.core.spi.LoginGuard;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.Role;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;

/**
 * {@code login}: checks, in the order of docs/protocol.md (Sessions and roles), the address limit, the name's
 * failure lock (for this address), name and password, the admin lock and the optional user type; then
 * opens a session on this connection, re-hashing a stored hash made with fewer iterations than the
 * server uses now. A login by transfer ticket instead of name and password is {@link TicketLogin}'s.
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
        try (LoginGuard.Attempt attempt = context.loginGuard().begin(name, address)) {
            Optional<User> found = context.transactions().inTransaction(em -> Users.byName(em, name));
            if (found.isEmpty() || !context.passwords().matches(password, found.get().getPasswordHash())) {
                if (found.isEmpty()) {
                    // Spend the same time as a real check, so response times do not reveal which names exist.
                    context.passwords().matches(password, decoy(context));
                }
                attempt.failed();
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
        String verified = user.getPasswordHash();
        String fresh = rehash(context, password, verified);
        Role role = user.isAdmin() ? Role.ADMIN : Role.USER;
        String token = context.sessions().open(new Caller(user.getId(), user.getName(), role));
        // Checked after open(): lock_user or a new password committed from now on ends this session
        // with the account's others; one committed before shows in this read.
        Recheck recheck = recheckElseStore(context, user.getId(), verified, fresh);
        if (recheck == Recheck.LOCKED) {
            context.sessions().closeCurrent();
            throw new CommandException(ErrorCode.LOCKED, "账户已被管理员锁定", "The account is locked by an admin");
        }
        if (recheck == Recheck.HASH_CHANGED) {
            passwordStillValid(context, user.getId(), password);
        }
        return SessionOpening.reply(context, user, token, role);
    }

    private enum Recheck { SAME, LOCKED, HASH_CHANGED }

    /**
     * The login's one write transaction: whether lock_user committed meanwhile, or the stored hash is
     * no longer the one this login verified (a new password, or another login's re-hash); if neither,
     * the fresh hash replaces the verified one.
     */
    private static Recheck recheckElseStore(CommandContext context, long userId, String verified, String fresh)
            throws CommandException {
        return context.transactions().inTransaction(em -> {
            Optional<User> now = Users.byId(em, userId);
            if (now.isEmpty() || now.get().isLocked()) {
                return Recheck.LOCKED;
            }
            if (!verified.equals(now.get().getPasswordHash())) {
                return Recheck.HASH_CHANGED;
            }
            if (fresh != null) {
                now.get().setPasswordHash(fresh);
            }
            return Recheck.SAME;
        });
    }

    /**
     * The stored hash changed while this login ran: a re-hash of the same password keeps the login, a
     * new password (whose change ended the other sessions before this one existed) ends it.
     */
    private static void passwordStillValid(CommandContext context, long userId, String password)
            throws CommandException {
        try {
            String current = context.transactions().inTransaction(em ->
                    Users.byId(em, userId).map(User::getPasswordHash).orElse(""));
            if (!current.isEmpty() && context.passwords().matches(password, current)) {
                return;
            }
        } catch (CommandException | RuntimeException e) {
            context.sessions().closeCurrent();
            throw e;
        }
        context.sessions().closeCurrent();
        throw CommandException.of(ErrorCode.BAD_CREDENTIALS);
    }

    /**
     * A hash at today's iterations for a stored one made with fewer, or null when it is current. Only
     * a login can do this (it alone holds the password); a busy pool just leaves it for the next login.
     */
    private static String rehash(CommandContext context, String password, String stored) {
        if (!context.passwords().isOutdated(stored)) {
            return null;
        }
        try {
            return context.passwords().hash(password);
        } catch (CommandException busy) {
            return null;
        }
    }

    private String decoy(CommandContext context) throws CommandException {
        String hash = decoyHash;
        if (hash == null) {
            hash = context.passwords().hash(Passwords.md5Hex("decoy"));
            decoyHash = hash;
        }
        return hash;
    }
}
