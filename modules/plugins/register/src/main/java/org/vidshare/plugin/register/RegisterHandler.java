package org.vidshare.plugin.register;

import jakarta.persistence.PersistenceException;
import java.net.InetAddress;
import java.util.concurrent.locks.ReentrantLock;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.Inputs;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.Role;
import org.vidshare.domain.FirstAdminClaim;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;

/**
 * {@code register}: creates a user or admin account. An admin account needs an admin's session,
 * except for the very first admin, made from a loopback address (one only, even when many try at
 * once).
 */
public final class RegisterHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("register", Audience.PUBLIC)
            .label("注册", "Register")
            .menu("账户", "Account", 100)
            .field(Field.of("name", FieldKind.TEXT, org.vidshare.core.protocol.Text.of("用户名", "Name")).max(Inputs.MAX_NAME_CHARS))
            .field(Field.of("password", FieldKind.PASSWORD, org.vidshare.core.protocol.Text.of("密码", "Password")))
            .field(Field.of("user_type", FieldKind.CHOICE, org.vidshare.core.protocol.Text.of("用户类型", "Account type"))
                    .choices("user", "admin"))
            .build();

    /** Serializes the "no admin yet" check with the insert that ends it. */
    private final ReentrantLock firstAdmin = new ReentrantLock();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        String name = Inputs.accountName(request, "name");
        String password = Inputs.md5Password(request, "password");
        Role role = Role.fromWire(request.requireString("user_type"))
                .orElseThrow(() -> Request.invalid("user_type", "必须是 user 或 admin", "must be user or admin"));
        boolean firstAdmin = role == Role.ADMIN && !context.caller().map(Caller::isAdmin).orElse(false);
        // Every cheap refusal comes before the slow hash, so that refused requests cost no hashing;
        // the transactions below check again, since another request may win in between.
        if (firstAdmin) {
            checkFirstAdminPossible(context);
        }
        if (context.transactions().inTransaction(em -> Users.byName(em, name).isPresent())) {
            throw taken();
        }
        String hash = context.passwords().hash(password);
        if (firstAdmin) {
            createFirstAdmin(context, name, hash);
        } else {
            create(context, name, hash, role);
        }
        return Reply.ok("注册成功", "Registered");
    }

    /** The first-admin rule without the hash: from loopback, and only while no admin (or claim) exists. */
    private static void checkFirstAdminPossible(CommandContext context) throws CommandException {
        if (!mayCreateFirstAdmin(context.remoteInetAddress())) {
            throw adminsOnly();
        }
        boolean claimed = context.transactions().inTransaction(em ->
                Users.adminCount(em) > 0 || em.find(FirstAdminClaim.class, FirstAdminClaim.ONLY) != null);
        if (claimed) {
            throw adminsOnly();
        }
    }

    /**
     * Whether a peer may make the first admin of a server without an admin's session: only from the
     * server's own machine, so that a fresh public server cannot be claimed from the network.
     */
    static boolean mayCreateFirstAdmin(InetAddress peer) {
        return peer != null && peer.isLoopbackAddress();
    }

    private void createFirstAdmin(CommandContext context, String name, String hash) throws CommandException {
        if (!mayCreateFirstAdmin(context.remoteInetAddress())) {
            throw adminsOnly();
        }
        long now = context.clock().millis();
        // The lock spares this node's racers a database error; the claim row decides between nodes.
        firstAdmin.lock();
        try {
            context.transactions().inTransaction(em -> {
                if (Users.adminCount(em) > 0 || em.find(FirstAdminClaim.class, FirstAdminClaim.ONLY) != null) {
                    throw adminsOnly();
                }
                if (Users.byName(em, name).isPresent()) {
                    throw taken();
                }
                em.persist(new FirstAdminClaim(name, now));
                return Users.create(em, name, hash, User.TYPE_ADMIN, now, 0);
            });
        } catch (PersistenceException e) {
            // Another node committed its claim (or this name) first.
            boolean claimed = context.transactions().inTransaction(em ->
                    em.find(FirstAdminClaim.class, FirstAdminClaim.ONLY) != null || Users.adminCount(em) > 0);
            if (claimed) {
                throw adminsOnly();
            }
            if (context.transactions().inTransaction(em -> Users.byName(em, name).isPresent())) {
                throw taken();
            }
            throw e;
        } finally {
            firstAdmin.unlock();
        }
    }

    private static CommandException adminsOnly() {
        return new CommandException(ErrorCode.FORBIDDEN, "管理员只能由管理员注册", "Admin accounts are registered by an admin");
    }

    private static void create(CommandContext context, String name, String hash, Role role) throws CommandException {
        long now = context.clock().millis();
        long initial = context.settings().getLong("wallet.initial-balance-cents");
        try {
            context.transactions().inTransaction(em -> {
                if (Users.byName(em, name).isPresent()) {
                    throw taken();
                }
                return Users.create(em, name, hash, role == Role.ADMIN ? User.TYPE_ADMIN : User.TYPE_USER, now, initial);
            });
        } catch (PersistenceException e) {
            // Two registrations of one name at once: the unique constraint lets one commit. Any other
            // database failure is not the caller's conflict: let it surface as internal, with its cause.
            if (context.transactions().inTransaction(em -> Users.byName(em, name).isPresent())) {
                throw taken();
            }
            throw e;
        }
    }

    private static CommandException taken() {
        return new CommandException(ErrorCode.CONFLICT, "用户名已存在", "Name already taken");
    }
}
