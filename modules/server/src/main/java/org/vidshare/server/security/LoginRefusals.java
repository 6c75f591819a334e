package org.vidshare.server.security;

import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;

/** The replies of the login failure limits, the same whichever guard counts (memory or database). */
final class LoginRefusals {
    private LoginRefusals() {
    }

    static CommandException addressLimited() {
        return new CommandException(ErrorCode.TOO_MANY_REQUESTS,
                "登录失败次数过多,请稍后再试", "Too many failed logins from this address; try again later");
    }

    static CommandException locked() {
        return new CommandException(ErrorCode.LOCKED,
                "登录失败次数过多,账户已暂时锁定", "Too many failed logins; the account is locked for a while");
    }

    static CommandException busy() {
        return new CommandException(ErrorCode.TOO_MANY_REQUESTS,
                "该账户的登录尝试过于频繁,请稍后再试", "Too many logins of this account at once; try again later");
    }
}
