package org.vidshare.plugin.whoami;

import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.View;
import org.vidshare.core.spi.ColumnKind;
import org.vidshare.core.spi.Column;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;

/** {@code whoami}: the account behind the session, as stored now. */
public final class WhoamiHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("whoami", Audience.ANY_ACCOUNT)
            .label("我的账户", "My account")
            .menu("账户", "Account", 120)
            .view(View.record(
                    Column.of("name", "用户名", "Name", ColumnKind.TEXT),
                    Column.of("user_type", "账户类型", "Account type", ColumnKind.TEXT),
                    Column.of("is_vip", "会员", "VIP", ColumnKind.BOOL),
                    Column.of("balance_cents", "余额", "Balance", ColumnKind.MONEY)))
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        User user = context.transactions().inTransaction(em -> Users.byId(em, caller.userId()))
                .orElseThrow(() -> CommandException.of(ErrorCode.NOT_FOUND));
        return Reply.ok()
                .put("user_id", user.getId())
                .put("name", user.getName())
                .put("user_type", user.getUserType())
                .put("is_vip", user.isVip() ? 1 : 0)
                .put("balance_cents", user.getBalanceCents());
    }
}
