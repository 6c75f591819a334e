package org.vidshare.plugin.transferticket;

import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.Transactions;
import org.vidshare.domain.TransferTicket;
import org.vidshare.domain.TransferTickets;

/**
 * {@code transfer_ticket} (any account): a single-use ticket with which another connection, on
 * any node, logs in as this account without the password (docs/protocol.md, transfer_ticket), so
 * a transfer costs no password check. The ticket dies with the session that asked for it.
 */
public final class TransferTicketHandler implements CommandHandler {
    /** Live tickets one session may hold: plenty for parallel transfers, not a store of logins. */
    static final int MAX_LIVE_PER_SESSION = 20;
    private static final String TTL_KEY = "ticket.ttl-seconds";
    private static final String SESSION_END_KEY = "transfer-tickets";

    private static final CommandSpec SPEC = CommandSpec.builder("transfer_ticket", Audience.ANY_ACCOUNT)
            .label("传输票据", "Transfer ticket")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        String sessionId = context.sessions().currentId().orElseThrow(() -> CommandException.of(ErrorCode.NOT_LOGGED_IN));
        long ttlSeconds = context.settings().getLong(TTL_KEY);
        long now = context.clock().millis();
        String ticket = TransferTickets.newTicket();
        context.transactions().inTransaction(em -> {
            TransferTickets.purgeExpired(em, now);
            // One request at a time per connection, and a session lives on one connection: no race here.
            if (TransferTickets.liveCount(em, sessionId, now) >= MAX_LIVE_PER_SESSION) {
                throw new CommandException(ErrorCode.TOO_MANY_REQUESTS, "未使用的传输票据过多",
                        "Too many unused transfer tickets for this session");
            }
            em.persist(new TransferTicket(TransferTickets.hashOf(ticket), caller.userId(), sessionId,
                    now + ttlSeconds * 1000));
            return null;
        });
        // After the insert: if the session ended meanwhile, this runs at once and removes the new row too.
        Transactions transactions = context.transactions();
        context.sessions().whenCurrentEnds(SESSION_END_KEY,
                () -> endSession(transactions, sessionId));
        return Reply.ok().put("ticket", ticket).put("expires_in", ttlSeconds);
    }

    private static void endSession(Transactions transactions, String sessionId) {
        try {
            transactions.inTransaction(em -> TransferTickets.endSession(em, sessionId));
        } catch (CommandException e) {
            throw new IllegalStateException("cannot delete the tickets of an ended session: " + e.getMessage(), e);
        }
    }
}
