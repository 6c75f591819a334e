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

    /** "Wrong name or password: 用户名或密码错误" style text for a failed reply. */
    public static String of(ClientReply reply, Texts texts) {
        return message(reply).render(texts);
    }

    /** Readable text for a failure of the client itself (network, lost connection, bug). */
    public static String of(Throwable failure, Texts texts, String address) {
        return message(failure, address).render(texts);
    }

    /**
     * A failed reply as a message: the client's word for the code (in whatever language is on when
     * it is shown) and the server's own words, which came in the language of the request.
     */
    public static Message message(ClientReply reply) {
        String code = reply.code();
        String msg = reply.msg();
        Message kind = Texts.defines("code." + code) ? Message.of("code." + code) : Message.literal(code);
        return Message.composed(code + ": " + msg, texts -> {
            String words = kind.render(texts);
            return msg.isBlank() || msg.equals(words) ? words : texts.get("error.with_detail", words, msg);
        });
    }

    /**
     * A failure of the client itself as a message. The usual network failures have words of their
     * own: Java's exception texts ("Connection refused") are English whatever the language.
     */
    public static Message message(Throwable failure, String address) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ConnectionLostException) {
            return Message.of("error.lost");
        }
        if (cause instanceof NotSignedInException) {
            return Message.of("error.not_signed_in");
        }
        if (cause instanceof ConnectException) {
            return Message.of("error.refused", address);
        }
        if (cause instanceof UnknownHostException) {
            return Message.of("error.unknown_host", address);
        }
        if (cause instanceof SocketTimeoutException) {
            return Message.of("error.timeout", address);
        }
        if (cause instanceof java.io.EOFException || cause instanceof java.net.SocketException) {
            return Message.of("error.closed", address);
        }
        if (cause instanceof IOException) {
            return Message.of("error.io", address, Message.literal(
                    cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        }
        return Message.of("error.internal", Message.literal(cause.toString()));
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
