package org.vidshare.plugin.login;

import java.util.Optional;
import java.util.regex.Pattern;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.TransferTickets;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;

/**
 * {@code login} with {@code ticket} (docs/protocol.md, transfer_ticket): the ticket is used up in the
 * transaction that checks it, so of two parallel uses exactly one wins; no password is hashed. A
 * dead, unknown or malformed ticket, or one of a locked account, is {@code bad_credentials}.
 */
final class TicketLogin {
    static final String FIELD = "ticket";
    /** What {@code transfer_ticket} hands out (hex of 256 bits); anything else cannot be a ticket. */
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{32,128}");

    private TicketLogin() {
    }

    static Reply handle(Request request, CommandContext context) throws CommandException {
        if (request.has("name") || request.has("password")) {
            throw CommandException.badRequest("票据登录不带用户名和密码", "A ticket login carries no name or password");
        }
        String ticket = request.optString(FIELD).orElse("");
        if (!SHAPE.matcher(ticket).matches()) {
            throw CommandException.of(ErrorCode.BAD_CREDENTIALS);
        }
        long now = context.clock().millis();
        // Returns instead of throwing, so that the used-up (or expired) ticket's deletion commits.
        Optional<User> account = context.transactions().inTransaction(em -> TransferTickets.redeem(em, ticket, now)
                .flatMap(userId -> Users.byId(em, userId))
                .filter(user -> !user.isLocked()));
        if (account.isEmpty()) {
            throw CommandException.of(ErrorCode.BAD_CREDENTIALS);
        }
        return SessionOpening.open(context, account.get(), CommandException.of(ErrorCode.BAD_CREDENTIALS));
    }
}
