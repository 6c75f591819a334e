package org.vidshare.plugin.recharge;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
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
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.ResultKind;
import org.vidshare.core.spi.Settings;
import org.vidshare.domain.LedgerEntry;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;
import org.vidshare.domain.Wallets;

/**
 * {@code recharge}: the user pays {@code amount_cents} through the configured payment provider and
 * the wallet grows by it, with a {@code recharge} ledger entry. Not offered when
 * {@code wallet.payment-provider} is {@code none}.
 */
public final class RechargeHandler implements CommandHandler {
    private static final Logger LOG = System.getLogger(RechargeHandler.class.getName());
    private static final String PROVIDER_KEY = "wallet.payment-provider";

    private static final CommandSpec SPEC = CommandSpec.builder("recharge", Audience.CUSTOMER)
            .label("充值", "Recharge")
            .menu("账户", "Account", 310)
            .field(Field.money("amount_cents", Text.of("金额", "Amount")))
            .result(ResultKind.RECORD)
            .onView("wallet")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public boolean available(Settings settings) {
        return PaymentProviders.named(settings.get(PROVIDER_KEY)).isPresent();
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        long amount = Inputs.range(request, "amount_cents", 1, context.settings().getLong("wallet.max-recharge-cents"));
        PaymentProvider provider = PaymentProviders.named(context.settings().get(PROVIDER_KEY))
                .orElseThrow(() -> new CommandException(ErrorCode.FORBIDDEN, "充值已关闭", "Recharge is turned off"));
        String reference = provider.approve(caller.userId(), amount);
        long now = context.clock().millis();
        long balance = context.transactions().inTransaction(em -> {
            User user = Users.lockedForUpdate(em, caller.userId())
                    .orElseThrow(() -> CommandException.of(ErrorCode.NOT_FOUND));
            Wallets.credit(em, user, LedgerEntry.RECHARGE, amount, now);
            return user.getBalanceCents();
        });
        LOG.log(Level.INFO, "recharge user={0} amount_cents={1} provider={2} ref={3}",
                caller.userId(), amount, provider.name(), reference);
        return Reply.ok("充值成功", "Recharged").put("balance_cents", balance);
    }
}
