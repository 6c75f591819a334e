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
        add("insufficient.detail", "The price is {0}, your balance {1}: {2} short. Recharge first.",
                "价格 {0}，余额 {1}，还差 {2}。请先充值。");
        add("confirm.price", "{0} costs {1}. Continue?", "{0}需要 {1}，继续？");
        add("value.yes", "Yes", "是");
        add("value.no", "No", "否");
        add("form.not_money", "{0} must be an amount such as 50 or 12.50", "{0}必须是金额，例如 50 或 12.50");
        add("view.disabled", "Not available for your account", "您的账户无需此操作");
        add("view.select_row", "Select a row first", "请先选择一行");
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
        add("movie.duration", "Length", "时长");
        add("movie.resolution", "Resolution", "分辨率");
        add("movie.poster", "Poster", "海报");
        add("movie.video-codec", "Video", "视频编码");
        add("movie.audio-codec", "Audio", "音频编码");
        add("movie.no-audio", "none (silent)", "无（静音）");
        add("movie.media", "Media", "媒体");
        add("movie.no-media", "not a readable video", "无法读取的视频");
        add("movie.view.table", "Table", "列表");
        add("movie.view.grid", "Posters", "海报墙");
        add("movie.details.none", "Select a movie to see its details.", "选择一部影片查看详情。");
        add("button.play", "&Play", "播放");
        add("play.not-downloaded", "\"{0}\" is not downloaded yet: download it first, then Play opens it.",
                "“{0}”尚未下载：请先下载，再点“播放”打开。");
        add("play.no-player", "This system has no player that Java can start (no desktop \"open\" action). The file is {0}.",
                "本系统没有可由 Java 启动的播放器（不支持桌面“打开”操作）。文件位于 {0}。");
        add("play.failed", "The system could not open {0}: {1}", "系统无法打开 {0}：{1}");
        add("movie.free", "Free", "免费");
        add("movie.owned", "Owned", "已购买");
        add("movie.charge", "Paid", "收费");
        add("movie.filter.all", "All", "全部");
        add("movie.filter.free", "Free", "免费");
        add("movie.filter.charge", "Paid", "收费");
        add("movie.total", "Movies: {0}", "共 {0} 部影片");
        add("transfer.name", "File", "文件");
        add("transfer.kind", "Kind", "方向");
        add("transfer.download", "Download", "下载");
        add("transfer.upload", "Upload", "上传");
        add("transfer.state", "State", "状态");
        add("transfer.progress", "Progress", "进度");
        add("transfer.rate", "Speed", "速度");
        add("transfer.bytes", "Bytes", "已传输");
        add("transfer.left", "Time left", "剩余时间");
        add("transfer.QUEUED", "Queued", "排队中");
        add("transfer.CONNECTING", "Connecting", "连接中");
        add("transfer.CHECKING", "Checking", "检查中");
        add("transfer.WAITING", "Wait {0} s (VIP: no wait)", "等待 {0} 秒（VIP 无需等待）");
        add("transfer.RUNNING", "Transferring", "传输中");
        add("transfer.VERIFYING", "Verifying", "校验中");
        add("transfer.DONE", "Done", "完成");
        add("transfer.CANCELLED", "Cancelled", "已取消");
        add("transfer.FAILED", "Failed: {0}", "失败：{0}");
        add("transfer.exists", "Already on the server as \"{1}\"", "服务器上已有此影片：“{1}”");
        add("menu.client", "VidShare", "VidShare");
        add("menu.language", "&Language", "语言");
        add("menu.theme.dark", "&Dark theme", "深色主题");
        add("menu.signout", "Sign &out", "退出登录");
        add("menu.signin", "&Sign in…", "登录…");
        add("menu.quit", "&Quit", "退出");
        add("login.title", "Sign in to VidShare", "登录 VidShare");
        add("login.server", "Server", "服务器");
        add("login.name", "Name", "用户名");
        add("login.password", "Password", "密码");
        add("login.type", "Account type", "账户类型");
        add("login.type.user", "User", "普通用户");
        add("login.type.admin", "Administrator", "管理员");
        add("login.signin", "&Sign in", "登录");
        add("login.register", "&Register", "注册");
        add("login.registered", "Registered. You can sign in now.", "注册成功，现在可以登录。");
        add("button.ok", "OK", "确定");
        add("button.cancel", "Cancel", "取消");
        add("button.close", "Close", "关闭");
        add("button.refresh", "&Refresh", "刷新");
        add("button.download", "&Download", "下载");
        add("button.delete", "De&lete…", "删除…");
        add("button.upload", "&Upload…", "上传…");
        add("button.resume", "Resume", "续传");
        add("button.open_folder", "Open &folder", "打开文件夹");
        add("button.browse", "&Browse…", "浏览…");
        add("button.buy_vip", "Buy &VIP…", "购买会员…");
        add("button.recharge", "Re&charge…", "充值…");
        add("button.publish", "&Publish notice…", "发布公告…");
        add("button.lock", "Lock", "锁定");
        add("button.unlock", "Unlock", "解锁");
        add("button.grant", "Grant credit…", "赠送余额…");
        add("button.reset_password", "Reset password…", "重置密码…");
        add("tab.movies", "Movies", "影片");
        add("tab.transfers", "Transfers", "传输");
        add("search.hint", "Search by name", "按名称搜索");
        add("delete.confirm", "Delete \"{0}\" (id {1})? Users who bought it keep their access.",
                "删除《{0}》（编号 {1}）？已购买的用户仍可下载。");
        add("delete.done", "Deleted.", "已删除。");
        add("status.balance", "Balance {0}", "余额 {0}");
        add("status.vip", "VIP", "会员");
        add("upload.title", "Upload a movie", "上传影片");
        add("upload.file", "File", "文件");
        add("upload.free", "Free movie", "免费影片");
        add("upload.started", "Upload started; see Transfers.", "已开始上传，请查看传输列表。");
        add("download.price", "\"{0}\" costs {1}. Buy and download?", "《{0}》价格 {1}，购买并下载？");
        add("download.to", "Saving to {0}", "保存到 {0}");
        add("notice.last", "Latest notice", "最新公告");
        add("status.downloads", "Downloads go to {0}", "下载保存到 {0}");
        add("result.title", "{0}", "{0}");
        add("col.id", "ID", "编号");
        add("col.title", "Title", "标题");
        add("col.content", "Content", "内容");
        add("col.create_time", "Published", "发布时间");
        add("col.movie_id", "Movie", "影片编号");
        add("col.movie_name", "Movie name", "影片名称");
        add("col.download_time", "Downloaded", "下载时间");
        add("col.price_cents", "Price", "价格");
        add("col.name", "Name", "名称");
        add("col.user_type", "Type", "类型");
        add("col.is_vip", "VIP", "会员");
        add("col.is_locked", "Locked", "锁定");
        add("col.register_time", "Registered", "注册时间");
        add("col.balance_cents", "Balance", "余额");
        add("col.time", "Time", "时间");
        add("col.kind", "Kind", "类别");
        add("col.amount_cents", "Amount", "金额");
        add("col.user_id", "User ID", "用户编号");
        add("col.file_size", "Size", "大小");
        add("col.is_free", "Free", "免费");
        add("col.upload_time", "Uploaded", "上传时间");
        add("col.notice_id", "Notice", "公告编号");
        add("error.with_detail", "{0}: {1}", "{0}：{1}");
        add("error.refused", "Cannot reach the server {0}: it refused the connection (is it running?)",
                "无法连接服务器 {0}：服务器拒绝连接（是否正在运行？）");
        add("error.unknown_host", "Cannot reach the server {0}: no such host name", "无法连接服务器 {0}：主机名不存在");
        add("error.timeout", "Cannot reach the server {0}: no answer in time", "无法连接服务器 {0}：响应超时");
        add("error.closed", "The server {0} closed the connection", "服务器 {0} 关闭了连接");
        add("kind.initial", "Opening balance", "初始余额");
        add("kind.recharge", "Recharge", "充值");
        add("kind.grant", "Credit from an administrator", "管理员赠送");
        add("kind.vip", "VIP membership", "购买会员");
        add("kind.movie", "Movie purchase", "购买影片");
        add("role.user", "User", "普通用户");
        add("role.admin", "Administrator", "管理员");
        add("menu.preferences", "&Preferences…", "首选项…");
        add("menu.about", "&About VidShare…", "关于 VidShare…");
        add("prefs.title", "Preferences", "首选项");
        add("prefs.servers", "Servers", "服务器");
        add("prefs.servers.hint", "The first server is the one used at the next start.", "下次启动时使用列表中的第一个服务器。");
        add("prefs.server.add", "&Add…", "添加…");
        add("prefs.server.remove", "&Remove", "删除");
        add("prefs.server.first", "Use &first", "设为首选");
        add("prefs.server.prompt", "Server address (host:port)", "服务器地址（主机:端口）");
        add("prefs.server.bad", "Enter a server as host:port, e.g. 127.0.0.1:8087", "请按 主机:端口 输入服务器，例如 127.0.0.1:8087");
        add("prefs.theme", "Theme", "主题");
        add("prefs.theme.light", "Light", "浅色");
        add("prefs.theme.dark", "Dark", "深色");
        add("prefs.language", "Language", "语言");
        add("prefs.downloads", "Download folder", "下载文件夹");
        add("about.title", "About VidShare", "关于 VidShare");
        add("about.client", "Client: {0}", "客户端：{0}");
        add("about.server", "Server: {0} at {1}", "服务器：{0}（{1}）");
        add("about.server.none", "Server: not connected ({0})", "服务器：未连接（{0}）");
        add("about.protocol", "Protocol version: {0}", "协议版本：{0}");
        add("about.docs", "Documentation: README.md, docs/protocol.md and docs/design.md in the release archive",
                "文档：发布包中的 README.md、docs/protocol.md 与 docs/design.md");
        add("about.shortcuts", "Keyboard shortcuts", "快捷键");
        add("shortcut.refresh", "F5: refresh the current view", "F5：刷新当前视图");
        add("shortcut.search", "Ctrl+F: search the movies", "Ctrl+F：搜索影片");
        add("shortcut.delete", "Del: delete the selected movie (administrators, with confirmation)", "Del：删除所选影片（管理员，需确认）");
        add("shortcut.escape", "Esc: close a dialog", "Esc：关闭对话框");
        add("shortcut.mnemonics", "Alt+underlined letter: a menu or button", "Alt+带下划线的字母：菜单或按钮");
        add("notices.empty", "No notices yet.", "暂无公告。");
        add("notices.published", "Published {0}", "发布于 {0}");
        add("folder.no-desktop", "This system has no file manager that Java can start. The folder is {0}.",
                "本系统没有可由 Java 启动的文件管理器。文件夹位于 {0}。");
        add("folder.failed", "The system could not open the folder {0}: {1}", "系统无法打开文件夹 {0}：{1}");
        add("transfer.checksum", "SHA-256 of the downloaded file differs from the server's", "下载文件的 SHA-256 与服务器不一致");
    }

    /** {@code &} before a letter or digit marks the mnemonic; "Wallet & VIP" keeps its ampersand. */
    private static final java.util.regex.Pattern MNEMONIC = java.util.regex.Pattern.compile("&(?=[\\p{L}\\p{N}])");

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

    /** Whether the client has words for {@code key} (in every language). */
    public static boolean defines(String key) {
        return TABLE.containsKey(key);
    }

    /**
     * The mnemonic letter of {@code key} (Alt+letter), marked by {@code &} before it in the English
     * text; the same letter works in Chinese, as Chinese desktop software keeps Latin mnemonics.
     * 0 when the text has none.
     */
    public static int mnemonic(String key) {
        String[] both = TABLE.get(key);
        if (both == null) {
            return 0;
        }
        java.util.regex.Matcher marked = MNEMONIC.matcher(both[0]);
        // KeyEvent's VK_A..VK_Z and VK_0..VK_9 are the upper-case ASCII characters themselves.
        return marked.find() ? Character.toUpperCase(both[0].charAt(marked.end())) : 0;
    }

    /** The text for {@code key}, with {@code {0}}-style arguments filled in; an unknown key is shown as is. */
    public String get(String key, Object... args) {
        String[] both = TABLE.get(key);
        if (both == null) {
            return key;
        }
        String pattern = MNEMONIC.matcher(both[lang == Lang.ZH ? 1 : 0]).replaceAll("");
        return args.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), locale()).format(args);
    }

    /** Adds or replaces words, for the views' own labels (kept next to the views that use them). */
    public static void define(String key, String en, String zh) {
        add(key, en, zh);
    }
}
