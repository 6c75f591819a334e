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
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;

/**
 * {@code finish_task}: marks one of the caller's tasks done. A row action of the {@code list_tasks}
 * view: a client fills {@code task_id} from the selected row's {@code id}. Finishing twice is
 * harmless, so it is repeatable.
 */
public final class FinishTaskHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("finish_task", Audience.ANY_ACCOUNT)
            .label("完成任务", "Finish task")
            .menu("任务", "Tasks", 120)
            .field(Field.of("task_id", FieldKind.NUMBER, Text.of("任务编号", "Task id")))
            .onRowsOf(ListTasksHandler.TYPE, "task_id", "id")
            .repeatable()
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        long taskId = request.requireLong("task_id");
        if (!TaskBoard.INSTANCE.finish(context.requireCaller().userId(), taskId)) {
            throw new CommandException(ErrorCode.NOT_FOUND, "没有这个任务", "No such task");
        }
        return Reply.ok("任务已完成", "Task done").put("task_id", taskId).put("is_done", 1);
    }
}
