package org.vidshare.plugin.servertime;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.ResultKind;

/**
 * {@code server_time} (public): the server's clock, optionally in another time zone. A client that
 * has never heard of it still shows a menu entry and a form, from the spec below.
 */
public final class ServerTimeHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("server_time", Audience.PUBLIC)
            .label("服务器时间", "Server time")
            .menu("帮助", "Help", 900)
            .field(Field.of("zone", FieldKind.TEXT, Text.of("时区", "Time zone")).max(64).optional())
            .result(ResultKind.RECORD)
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        ZoneId zone = zone(request, context);
        ZonedDateTime now = ZonedDateTime.now(context.clock().withZone(zone));
        return Reply.ok("服务器时间", "Server time")
                .put("time", now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .put("zone", zone.getId())
                .put("epoch_millis", now.toInstant().toEpochMilli());
    }

    private static ZoneId zone(Request request, CommandContext context) throws CommandException {
        String id = request.optString("zone").map(String::strip).orElse("");
        if (id.isEmpty()) {
            return context.clock().getZone();
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw Request.invalid("zone", "不是已知的时区 (例如 Asia/Shanghai)", "is not a known time zone (e.g. Asia/Shanghai)");
        }
    }
}
