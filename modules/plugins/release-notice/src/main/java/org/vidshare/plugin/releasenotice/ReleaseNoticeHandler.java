package org.vidshare.plugin.releasenotice;

import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.CrashPoints;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.Inputs;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.Notice;

/** {@code release_notice}: an admin publishes a notice; users see the newest at login. */
public final class ReleaseNoticeHandler implements CommandHandler {
    static final int MAX_TITLE = 64;
    static final int MAX_CONTENT = 10_000;

    private static final CommandSpec SPEC = CommandSpec.builder("release_notice", Audience.ADMIN)
            .label("发布公告", "Release notice")
            .menu("公告", "Notices", 200)
            .field(Field.of("title", FieldKind.TEXT, Text.of("标题", "Title")).max(MAX_TITLE))
            .field(Field.of("content", FieldKind.TEXT, Text.of("内容", "Content")).max(MAX_CONTENT))
            .onView("check_notice")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        String title = Inputs.text(request, "title", 1, MAX_TITLE);
        String content = Inputs.text(request, "content", 1, MAX_CONTENT);
        long now = context.clock().millis();
        long noticeId = context.transactions().inTransaction(em -> {
            Notice notice = new Notice(title, content, now, caller.userId());
            em.persist(notice);
            em.flush();
            CrashPoints.reach(CrashPoints.NOTICE_BEFORE_COMMIT);
            return notice.getId();
        });
        CrashPoints.reach(CrashPoints.NOTICE_AFTER_COMMIT);
        return Reply.ok("公告发布成功", "Notice released").put("notice_id", noticeId);
    }
}
