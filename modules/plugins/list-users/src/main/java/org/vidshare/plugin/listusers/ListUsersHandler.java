package org.vidshare.plugin.listusers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.ResultKind;
import org.vidshare.domain.User;
import org.vidshare.domain.WireTime;

/** {@code list_users} (admin): every account, oldest first, without its password hash. */
public final class ListUsersHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("list_users", Audience.ADMIN)
            .label("用户列表", "Users")
            .menu("用户", "Users", 400)
            .result(ResultKind.TABLE)
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        List<Map<String, Object>> users = context.transactions().inTransaction(em ->
                em.createQuery("SELECT u FROM User u ORDER BY u.id", User.class)
                        .getResultStream()
                        .map(ListUsersHandler::toWire)
                        .toList());
        return Reply.ok().put("user_list", users);
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
