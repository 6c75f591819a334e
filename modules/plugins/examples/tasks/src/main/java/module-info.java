/**
 * An example drop-in plugin: a small task list per account ({@code list_tasks}, {@code add_task},
 * {@code finish_task}). Its three commands share one in-memory board, so they live in one module;
 * it needs only the SPI (no entities), which is all a jar in {@code plugins/} can count on.
 */
module org.vidshare.plugin.tasks {
    requires org.vidshare.core;

    provides org.vidshare.core.spi.CommandHandler with
            org.vidshare.plugin.tasks.ListTasksHandler,
            org.vidshare.plugin.tasks.AddTaskHandler,
            org.vidshare.plugin.tasks.FinishTaskHandler;
}
