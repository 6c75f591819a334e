package org.vidshare.plugin.grantcredit;

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
import org.vidshare.core.spi.ResultKind;
import org.vidshare.domain.LedgerEntry;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;
import org.vidshare.domain.Wallets;

/**
 * {@code grant_credit}: an admin adds money to a user's wallet with a {@code grant} ledger entry
 * (the way to fund wallets when self-service recharge is off, and for classic clients).
 */
public final class GrantCreditHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("grant_credit", Audience.ADMIN)
            .label("赠送余额", "Grant credit")
            .menu("用户", "Users", 440)
            .field(Field.of("user_id", FieldKind.NUMBER, Text.of("用户编号", "User id")))
            .field(Field.money("amount_cents", Text.of("金额", "Amount")))
            .result(ResultKind.RECORD)
            .onRowsOf("list_users", "user_id", "id")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        long userId = request.requireLong("user_id");
        long amount = Inputs.range(request, "amount_cents", 1, context.settings().getLong("wallet.max-recharge-cents"));
        long now = context.clock().millis();
        long balance = context.transactions().inTransaction(em -> {
            User user = Users.requireLocked(em, userId);
            if (user.isAdmin()) {
                // Admins have no wallet: they neither buy nor pay (docs/protocol.md, Sessions and roles).
                throw Request.invalid("user_id", "是管理员账户，没有钱包", "is an admin account, which has no wallet");
            }
            Wallets.credit(em, user, LedgerEntry.GRANT, amount, now);
            return user.getBalanceCents();
        });
        return Reply.ok("已赠送", "Credit granted").put("user_id", userId).put("balance_cents", balance);
    }
}
