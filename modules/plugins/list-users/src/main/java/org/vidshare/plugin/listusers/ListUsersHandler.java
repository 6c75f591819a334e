package org.vidshare.plugin.listusers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vidshare.core.spi.View;
import org.vidshare.core.spi.ColumnKind;
import org.vidshare.core.spi.Column;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Paging;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.User;
import org.vidshare.domain.WireTime;

/** {@code list_users} (admin): one page of the accounts, newest first, without their password hashes. */
public final class ListUsersHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("list_users", Audience.ADMIN)
            .label("用户列表", "Users")
            .menu("用户", "Users", 400)
            .view(View.list("user_list",
                    Column.of("name", "用户名", "Name", ColumnKind.TEXT),
                    Column.of("user_type", "类型", "Type", ColumnKind.TEXT),
                    Column.of("is_vip", "会员", "VIP", ColumnKind.BOOL),
                    Column.of("is_locked", "锁定", "Locked", ColumnKind.BOOL),
                    Column.of("register_time", "注册时间", "Registered", ColumnKind.DATE),
                    Column.of("balance_cents", "余额", "Balance", ColumnKind.MONEY)))
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Paging page = context.page(request);
        return context.transactions().inTransaction(em -> {
            long total = em.createQuery("SELECT COUNT(u) FROM User u", Long.class).getSingleResult();
            List<Map<String, Object>> users = em.createQuery("SELECT u FROM User u ORDER BY u.id DESC", User.class)
                    .setFirstResult(page.offset()).setMaxResults(page.limit())
                    .getResultStream()
                    .map(ListUsersHandler::toWire)
                    .toList();
            return Reply.ok().put(Paging.TOTAL, total).put("user_list", users);
        });
    }

    private static Map<String, Object> toWire(User user) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", user.getId());
        row.put("name", user.getName());
        row.put("user_type", user.getUserType());
        row.put("is_vip", user.isVip() ? 1 : 0);
        row.put("is_locked", user.isLocked() ? 1 : 0);
        row.put("register_time", WireTime.format(user.getRegisterTime()));
        row.put("balance_cents", user.getBalanceCents());
        return row;
    }
}
