package org.vidshare.client.swing.model;

import java.text.MessageFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The client's own words in English and Chinese. Server-side words (menu labels, reply messages)
 * come from the server in the language the connection's hello asked for; these are the rest.
 * One instance per window, switchable at run time: views listen and relabel themselves.
 */
public final class Texts {
    private static final Map<String, String[]> TABLE = new ConcurrentHashMap<>();

    private static void add(String key, String en, String zh) {
        TABLE.put(key, new String[] {en, zh});
    }

    static {
        add("app.title", "VidShare", "VidShare 影视分享");
        add("state.disconnected", "Not connected", "未连接");
        add("state.connecting", "Connecting…", "正在连接…");
        add("state.connected", "Connected to {0}", "已连接 {0}");
        add("state.signed_in", "{0} ({1}) on {2}", "{0}（{1}）@ {2}");
        add("state.reconnecting", "Connection lost, reconnecting…", "连接已断开，正在重连…");
        add("error.io", "Cannot reach the server {0}: {1}", "无法连接服务器 {0}：{1}");
        add("error.lost", "The connection to the server was lost. It has been restored; please try again.",
                "与服务器的连接已断开，现已恢复，请重试。");
        add("error.not_signed_in", "Please sign in first.", "请先登录。");
        add("error.internal", "Unexpected error: {0}", "意外错误：{0}");
        add("error.title", "Error", "错误");
        add("code.bad_frame", "Broken message", "报文损坏");
        add("code.bad_request", "Invalid input", "输入无效");
        add("code.unknown_type", "The server does not know this command", "服务器不支持此命令");
        add("code.not_logged_in", "Not signed in", "未登录");
        add("code.forbidden", "Not allowed", "无权操作");
        add("code.bad_credentials", "Wrong name or password", "用户名或密码错误");
        add("code.wrong_user_type", "Wrong account type", "账户类型不符");
        add("code.locked", "Account locked", "账户已锁定");
        add("code.conflict", "Already exists or changed meanwhile", "已存在或已被修改");
        add("code.not_found", "Not found", "未找到");
        add("code.insufficient_balance", "Not enough money in the wallet", "余额不足");
        add("code.integrity", "The file arrived damaged", "文件校验失败");
        add("code.too_large", "Too large", "文件过大");
        add("code.too_many_requests", "Too many requests, try again later", "请求过多，请稍后再试");
        add("code.internal", "Server error", "服务器内部错误");
        add("form.required", "{0} is required", "{0}不能为空");
        add("form.too_long", "{0} is longer than {1} characters", "{0}超过 {1} 个字符");
        add("form.not_number", "{0} must be a whole number", "{0}必须是整数");
        add("form.bad_choice", "{0} must be one of {1}", "{0}必须是 {1} 之一");
        add("form.no_file", "{0}: no such file", "{0}：文件不存在");
        add("result.key", "Key", "项目");
        add("result.value", "Value", "值");
        add("result.empty", "(empty)", "（空）");
        add("movie.id", "ID", "编号");
        add("movie.name", "Name", "名称");
        add("movie.kind", "Type", "类型");
        add("movie.price", "Price", "价格");
        add("movie.size", "Size", "大小");
        add("movie.date", "Uploaded", "上传时间");
        add("movie.free", "Free", "免费");
        add("movie.charge", "Paid", "收费");
        add("movie.filter.all", "All", "全部");
        add("movie.filter.free", "Free", "免费");
        add("movie.filter.charge", "Paid", "收费");
        add("movie.total", "{0} movies", "共 {0} 部影片");
        add("transfer.name", "File", "文件");
        add("transfer.kind", "Kind", "方向");
        add("transfer.download", "Download", "下载");
        add("transfer.upload", "Upload", "上传");
        add("transfer.state", "State", "状态");
        add("transfer.progress", "Progress", "进度");
        add("transfer.rate", "Speed", "速度");
        add("transfer.left", "Time left", "剩余时间");
        add("transfer.QUEUED", "Queued", "排队中");
        add("transfer.CONNECTING", "Connecting", "连接中");
        add("transfer.CHECKING", "Checking", "检查中");
        add("transfer.WAITING", "Wait {0} s (VIP: no wait)", "等待 {0} 秒（VIP 无需等待）");
        add("transfer.RUNNING", "Transferring", "传输中");
        add("transfer.VERIFYING", "Verifying", "校验中");
        add("transfer.DONE", "Done", "完成");
        add("transfer.CANCELLED", "Cancelled (resumable)", "已取消（可续传）");
        add("transfer.FAILED", "Failed: {0}", "失败：{0}");
        add("transfer.exists", "Already on the server (movie {0})", "服务器上已有此影片（编号 {0}）");
        add("transfer.checksum", "SHA-256 of the downloaded file differs from the server's", "下载文件的 SHA-256 与服务器不一致");
    }

    private volatile Lang lang;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public Texts(Lang lang) {
        this.lang = lang;
    }

    public Lang lang() {
        return lang;
    }

    public Locale locale() {
        return lang == Lang.ZH ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    /** Switches the language and tells the listeners (views relabel themselves). */
    public void setLang(Lang newLang) {
        if (newLang != lang) {
            lang = newLang;
            listeners.forEach(Runnable::run);
        }
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public boolean has(String key) {
        return TABLE.containsKey(key);
    }

    /** The text for {@code key}, with {@code {0}}-style arguments filled in; an unknown key is shown as is. */
    public String get(String key, Object... args) {
        String[] both = TABLE.get(key);
        if (both == null) {
            return key;
        }
        String pattern = both[lang == Lang.ZH ? 1 : 0];
        return args.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), locale()).format(args);
    }

    /** Adds or replaces words, for the views' own labels (kept next to the views that use them). */
    public static void define(String key, String en, String zh) {
        add(key, en, zh);
    }
}
