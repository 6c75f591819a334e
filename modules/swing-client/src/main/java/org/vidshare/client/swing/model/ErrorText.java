package org.vidshare.client.swing.model;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.vidshare.client.ClientReply;

/** Errors as a person reads them: what kind of failure (from the code) and the server's own words. */
public final class ErrorText {
    private ErrorText() {
    }

    /**
     * "Wrong name or password: 用户名或密码错误" style text for a failed reply. An
     * {@code insufficient_balance} that carries the price and the balance spells them out, and the
     * shortfall.
     */
    public static String of(ClientReply reply, Texts texts) {
        String code = reply.code();
        String kind = texts.has("code." + code) ? texts.get("code." + code) : code;
        String msg = reply.msg();
        String text = msg.isBlank() || msg.equals(kind) ? kind : kind + ": " + msg;
        String money = moneyDetail(reply, texts);
        return money == null ? text : text + (text.endsWith(".") || text.endsWith("。") ? " " : ". ") + money;
    }

    private static String moneyDetail(ClientReply reply, Texts texts) {
        var json = reply.json();
        if (!"insufficient_balance".equals(reply.code()) || !json.path("price_cents").isIntegralNumber()
                || !json.path("balance_cents").isIntegralNumber()) {
            return null;
        }
        long price = json.get("price_cents").asLong();
        long balance = json.get("balance_cents").asLong();
        return texts.get("insufficient.detail", Formats.money(price), Formats.money(balance),
                Formats.money(Math.max(0, price - balance)));
    }

    /** Readable text for a failure of the client itself (network, lost connection, bug). */
    public static String of(Throwable failure, Texts texts, String address) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ConnectionLostException) {
            return texts.get("error.lost");
        }
        if (cause instanceof NotSignedInException) {
            return texts.get("error.not_signed_in");
        }
        if (cause instanceof UnknownHostException || cause instanceof ConnectException
                || cause instanceof SocketTimeoutException) {
            return texts.get("error.io", address, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        if (cause instanceof IOException) {
            return texts.get("error.io", address, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return texts.get("error.internal", cause.toString());
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The connection broke during a request that is not safe to repeat; it has been re-established. */
    public static final class ConnectionLostException extends IOException {
        public ConnectionLostException(Throwable cause) {
            super("connection lost during the request", cause);
        }
    }

    /** A command that needs a signed-in account was tried without one. */
    public static final class NotSignedInException extends IllegalStateException {
        public NotSignedInException() {
            super("not signed in");
        }
    }
}
