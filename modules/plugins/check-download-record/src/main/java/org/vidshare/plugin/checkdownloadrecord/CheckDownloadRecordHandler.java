package org.vidshare.plugin.checkdownloadrecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vidshare.core.spi.View;
import org.vidshare.core.spi.ColumnKind;
import org.vidshare.core.spi.Column;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Paging;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.WireTime;

/** {@code check_download_record}: one page of the caller's granted downloads, newest first, with the movie's name. */
public final class CheckDownloadRecordHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("check_download_record", Audience.ANY_ACCOUNT)
            .label("观影记录", "Download history")
            .menu("电影", "Movies", 230)
            .view(View.list("record_list",
                    Column.of("movie_name", "影片", "Movie", ColumnKind.TEXT),
                    Column.of("download_time", "下载时间", "Downloaded", ColumnKind.DATE),
                    Column.of("price_cents", "价格", "Price", ColumnKind.MONEY)))
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
            long total = em.createQuery("SELECT COUNT(r) FROM DownloadRecord r, Movie m"
                            + " WHERE r.userId = :user AND m.id = r.movieId", Long.class)
                    .setParameter("user", caller.userId())
                    .getSingleResult();
            List<Object[]> rows = em.createQuery(
                            "SELECT r.movieId, m.name, r.downloadTime, r.priceCents FROM DownloadRecord r, Movie m"
                                    + " WHERE r.userId = :user AND m.id = r.movieId"
                                    + " ORDER BY r.downloadTime DESC, r.id DESC", Object[].class)
                    .setParameter("user", caller.userId())
                    .setFirstResult(page.offset()).setMaxResults(page.limit())
                    .getResultList();
            List<Map<String, Object>> records = new ArrayList<>();
            for (Object[] row : rows) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("movie_id", row[0]);
                record.put("movie_name", row[1]);
                record.put("download_time", WireTime.format((Long) row[2]));
                record.put("price_cents", row[3]);
                records.add(record);
            }
            return Reply.ok().put(Paging.TOTAL, total).put("record_list", records);
        });
    }
}
