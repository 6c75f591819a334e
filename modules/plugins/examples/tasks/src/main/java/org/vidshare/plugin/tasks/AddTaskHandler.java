package org.vidshare.plugin.tasks;

import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.Inputs;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;

/** {@code add_task}: a new open task; a button of the {@code list_tasks} view. */
public final class AddTaskHandler implements CommandHandler {
    static final int MAX_TITLE = 200;

    private static final CommandSpec SPEC = CommandSpec.builder("add_task", Audience.ANY_ACCOUNT)
            .label("新建任务", "New task")
            .menu("任务", "Tasks", 110)
            .field(Field.of("title", FieldKind.TEXT, Text.of("任务", "Task")).max(MAX_TITLE))
            .onView(ListTasksHandler.TYPE)
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        long account = context.requireCaller().userId();
        String title = Inputs.text(request, "title", 1, MAX_TITLE);
        TaskBoard.Task task = TaskBoard.INSTANCE.add(account, title, context.clock().instant());
        if (task == null) {
            throw new CommandException(ErrorCode.TOO_MANY_REQUESTS, "任务太多（最多 " + TaskBoard.MAX_TASKS_PER_ACCOUNT + " 个）",
                    "Too many tasks (at most " + TaskBoard.MAX_TASKS_PER_ACCOUNT + ")");
        }
        return Reply.ok("已添加", "Task added").put("task_id", task.id());
    }
}
