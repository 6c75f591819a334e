package org.vidshare.plugin.checknotice;

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
import org.vidshare.domain.Notice;
import org.vidshare.domain.Notices;

/** {@code check_notice}: one page of the notices, newest first. */
public final class CheckNoticeHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("check_notice", Audience.ANY_ACCOUNT)
            .label("查看公告", "Notices")
            .menu("公告", "Notices", 100)
            .view(View.list("notice_list",
                    Column.of("title", "标题", "Title", ColumnKind.TEXT),
                    Column.of("content", "内容", "Content", ColumnKind.BODY),
                    Column.of("create_time", "发布时间", "Published", ColumnKind.DATE)))
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        context.requireCaller();
        Paging page = context.page(request);
        return context.transactions().inTransaction(em -> {
            long total = em.createQuery("SELECT COUNT(n) FROM Notice n", Long.class).getSingleResult();
            List<Map<String, Object>> notices = em
                    .createQuery("SELECT n FROM Notice n ORDER BY n.createTime DESC, n.id DESC", Notice.class)
                    .setFirstResult(page.offset()).setMaxResults(page.limit())
                    .getResultStream().map(Notices::toWire).toList();
            return Reply.ok("查询成功", "Notices").put(Paging.TOTAL, total).put("notice_list", notices);
        });
    }
}
