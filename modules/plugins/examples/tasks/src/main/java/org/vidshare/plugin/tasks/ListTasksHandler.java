package org.vidshare.plugin.tasks;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Column;
import org.vidshare.core.spi.ColumnKind;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.View;

/**
 * {@code list_tasks}: the caller's tasks, newest first. Its spec declares a list view, so a client
 * shows it as a tab of its own with these columns, never having heard of the command.
 */
public final class ListTasksHandler implements CommandHandler {
    static final String TYPE = "list_tasks";

    private static final CommandSpec SPEC = CommandSpec.builder(TYPE, Audience.ANY_ACCOUNT)
            .label("我的任务", "My tasks")
            .menu("任务", "Tasks", 100)
            .view(View.list("task_list",
                            Column.of("title", "任务", "Task", ColumnKind.TEXT),
                            Column.of("create_time", "创建时间", "Created", ColumnKind.DATE),
                            Column.of("is_done", "已完成", "Done", ColumnKind.BOOL))
                    .withSummary(Column.of("open_count", "未完成", "Open", ColumnKind.COUNT)))
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        List<TaskBoard.Task> tasks = TaskBoard.INSTANCE.of(context.requireCaller().userId());
        List<Map<String, Object>> rows = tasks.stream().map(ListTasksHandler::toWire).toList();
        return Reply.ok("我的任务", "My tasks")
                .put("task_list", rows)
                .put("open_count", tasks.stream().filter(t -> !t.done()).count());
    }

    private static Map<String, Object> toWire(TaskBoard.Task task) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", task.id());
        row.put("title", task.title());
        row.put("create_time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(task.created().atOffset(ZoneOffset.UTC)));
        row.put("is_done", task.done() ? 1 : 0);
        return row;
    }
}
