package org.vidshare.client.swing.model;

/**
 * The words of the transfer queue (states, row actions, prompts, notes), in both languages, kept
 * beside the queue that uses them ({@link Texts#define}).
 */
final class TransferTexts {
    private TransferTexts() {
    }

    static void define() {
        Texts.define("transfer.PAUSED", "Paused", "已暂停");
        Texts.define("transfer.RETRYING", "Retrying in {0} s: {1}", "{0} 秒后重试：{1}");
        Texts.define("transfer.lost", "The connection to the server {0} was lost", "与服务器 {0} 的连接已断开");
        Texts.define("transfer.retry.status", "\"{0}\" retries by itself in {1} s: {2}",
                "“{0}”将在 {1} 秒后自动重试：{2}");
        Texts.define("transfer.done.title", "Download complete", "下载完成");
        Texts.define("transfer.done.message", "\"{0}\" is saved as {1}", "“{0}”已保存为 {1}");
        Texts.define("transfers.pause", "Pause", "暂停");
        Texts.define("transfers.resume", "Resume", "继续");
        Texts.define("transfers.retry", "Retry", "重试");
        Texts.define("transfers.cancel", "Cancel", "取消");
        Texts.define("transfers.open_file", "Open file", "打开文件");
        Texts.define("transfers.show_folder", "Show in folder", "在文件夹中显示");
        Texts.define("transfers.clear", "Clear finished", "清除已完成");
        Texts.define("transfers.drop_hint", "Drop movie files here to upload them", "将影片文件拖到此处即可上传");
        Texts.define("transfers.not_done", "\"{0}\" is not downloaded yet.", "“{0}”尚未下载完成。");
        Texts.define("transfers.no_desktop",
                "This system offers no file manager or program that Java can start (no desktop support). The file is {0}",
                "本系统没有可由 Java 启动的文件管理器或程序（不支持桌面操作）。文件位于 {0}");
        Texts.define("transfers.open_failed", "The system could not open {0}: {1}", "系统无法打开 {0}：{1}");
        Texts.define("transfers.overwrite.title", "File exists", "文件已存在");
        Texts.define("transfers.overwrite.question", "{0} is there already. Replace it with the download?",
                "{0} 已存在。用下载的文件替换它吗？");
        Texts.define("transfers.overwrite.replace", "Replace", "替换");
        Texts.define("transfers.overwrite.keep_both", "Keep both", "保留两者");
        Texts.define("transfers.restore.title", "Unfinished transfers", "未完成的传输");
        Texts.define("transfers.restore.question",
                "{0} transfer(s) from last time are not finished. Resume them now? (No: they wait, paused, in Transfers.)",
                "上次有 {0} 个传输未完成。现在继续吗？（否：它们暂停在“传输”页中。）");
        Texts.define("transfers.close.title", "Transfers running", "传输进行中");
        Texts.define("transfers.close.question",
                "{0} transfer(s) are still running. Quit anyway? They stay in the queue and can be resumed next time.",
                "仍有 {0} 个传输在进行。仍要退出吗？它们会保留在队列中，下次可继续。");
        Texts.define("transfers.queue_problem", "The transfer queue file could not be used: {0}", "无法使用传输队列文件：{0}");
        Texts.define("transfers.dropped", "{0} file(s) queued for upload", "已将 {0} 个文件加入上传队列");
    }
}
