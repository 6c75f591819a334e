package org.vidshare.plugin.buyvip;

import org.vidshare.core.protocol.ErrorCode;
import java.util.OptionalLong;
import org.vidshare.domain.Pricing;
import org.vidshare.core.spi.Settings;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.ResultKind;
import org.vidshare.domain.LedgerEntry;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;
import org.vidshare.domain.Wallets;

/**
 * {@code buy_vip}: charges the VIP price ({@link Pricing#vipCents}, {@code price.vip-cents}) and makes the account VIP, in one transaction
 * under the wallet's row lock, so two concurrent purchases cannot both pay.
 */
public final class BuyVipHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("buy_vip", Audience.CUSTOMER)
            .label("购买会员", "Buy VIP")
            .menu("账户", "Account", 320)
            .result(ResultKind.RECORD)
            .onView("wallet")
            .confirm("购买会员需 {price}，从钱包扣除，永久有效。会员购买收费影片更便宜，下载免费影片无需等待。现在购买？",
                    "VIP costs {price}, paid from your wallet, and never expires. VIPs pay less for paid movies and"
                            + " never wait for free ones. Buy now?")
            .disabledWhen("is_vip")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    /** The price a client states before buying: {@link Pricing}, the same number {@link #handle} charges. */
    @Override
    public OptionalLong priceCents(Settings settings) {
        return OptionalLong.of(Pricing.from(settings).vipCents());
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        long price = Pricing.from(context.settings()).vipCents();
        long now = context.clock().millis();
        long balance = context.transactions().inTransaction(em -> {
            User user = Users.lockedForUpdate(em, caller.userId())
                    .orElseThrow(() -> CommandException.of(ErrorCode.NOT_FOUND));
            if (user.isVip()) {
                throw new CommandException(ErrorCode.CONFLICT, "您已经是会员", "You are already a VIP");
            }
            if (!Wallets.covers(user, price)) {
                throw new CommandException(ErrorCode.INSUFFICIENT_BALANCE, "余额不足，请先充值",
                        "Your balance does not cover the VIP price")
                        .with("price_cents", price).with("balance_cents", user.getBalanceCents());
            }
            Wallets.charge(em, user, LedgerEntry.VIP, price, null, now);
            user.setVip(true);
            return user.getBalanceCents();
        });
        return Reply.ok("购买会员成功", "You are now a VIP").put("is_vip", 1).put("balance_cents", balance);
    }
}
