package org.vidshare.plugin.wallet;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Paging;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.ResultKind;
import org.vidshare.domain.LedgerEntry;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;
import org.vidshare.domain.Wallets;
import org.vidshare.domain.WireTime;

/** {@code wallet}: the balance and one page of the changes that made it ({@code ledger}), newest first. */
public final class WalletHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("wallet", Audience.CUSTOMER)
            .label("我的钱包", "Wallet")
            .menu("账户", "Account", 300)
            .result(ResultKind.TABLE)
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        Paging page = context.page(request);
        return context.transactions().inTransaction(em -> {
            // Balance and ledger read in one transaction under the wallet's lock: they always agree.
            User user = Users.lockedForUpdate(em, caller.userId())
                    .orElseThrow(() -> CommandException.of(ErrorCode.NOT_FOUND));
            List<LedgerEntry> entries = Wallets.ledger(em, user.getId(), page.offset(), page.limit());
            Map<Long, String> names = movieNames(em, entries);
            List<Map<String, Object>> ledger = new ArrayList<>();
            for (LedgerEntry entry : entries) {
                ledger.add(toWire(entry, names));
            }
            return Reply.ok().put(Paging.TOTAL, Wallets.ledgerSize(em, user.getId())).put("ledger", ledger).put("balance_cents", user.getBalanceCents());
        });
    }

    /**
     * The names of the page's movies, in one query: a person reads "Movie purchase: Big Buck
     * Bunny", not "movie 13". A deleted movie keeps its row (soft delete), so its name too.
     */
    private static Map<Long, String> movieNames(EntityManager em, List<LedgerEntry> entries) {
        Set<Long> ids = new HashSet<>();
        entries.forEach(entry -> {
            if (entry.getMovieId() != null) {
                ids.add(entry.getMovieId());
            }
        });
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("SELECT m.id, m.name FROM Movie m WHERE m.id IN :ids", Object[].class)
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(row -> names.put(((Number) row[0]).longValue(), (String) row[1]));
        }
        return names;
    }

    private static Map<String, Object> toWire(LedgerEntry entry, Map<Long, String> names) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("time", WireTime.format(entry.getTime()));
        row.put("kind", entry.getKind());
        row.put("amount_cents", entry.getAmountCents());
        if (entry.getMovieId() != null) {
            row.put("movie_id", entry.getMovieId());
            String name = names.get(entry.getMovieId());
            if (name != null) {
                row.put("movie_name", name);
            }
        }
        return row;
    }
}
