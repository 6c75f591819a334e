package org.vidshare.core.protocol;

import java.util.Locale;

/** The error codes of docs/protocol.md, with their default message and whether they close. */
public enum ErrorCode {
    OK("成功", "OK", false),
    BAD_FRAME("帧格式错误", "Bad frame", true),
    BAD_REQUEST("请求无效", "Bad request", false),
    UNKNOWN_TYPE("未知的请求类型", "Unknown request type", false),
    NOT_LOGGED_IN("请先登录", "Please log in first", false),
    FORBIDDEN("没有权限", "Forbidden", false),
    BAD_CREDENTIALS("用户名或密码错误", "Wrong name or password", false),
    WRONG_USER_TYPE("用户类型不符", "Wrong user type", false),
    LOCKED("账户已锁定", "Account locked", false),
    CONFLICT("冲突", "Conflict", false),
    NOT_FOUND("不存在", "Not found", false),
    INSUFFICIENT_BALANCE("余额不足", "Insufficient balance", false),
    INTEGRITY("文件校验失败", "Integrity check failed", false),
    TOO_LARGE("文件过大", "Too large", true),
    TOO_MANY_REQUESTS("请求过于频繁", "Too many requests", false),
    INTERNAL("服务器内部错误", "Internal server error", false);

    private final Text defaultMessage;
    private final boolean closesConnection;

    ErrorCode(String zh, String en, boolean closesConnection) {
        this.defaultMessage = new Text(zh, en);
        this.closesConnection = closesConnection;
    }

    /** The code as it appears on the wire, e.g. {@code bad_request}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Text defaultMessage() {
        return defaultMessage;
    }

    /** Whether the server closes the connection after replying with this code by default. */
    public boolean closesConnection() {
        return closesConnection;
    }

    public static ErrorCode fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
