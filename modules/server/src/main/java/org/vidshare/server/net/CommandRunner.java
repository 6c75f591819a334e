package org.vidshare.server.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.IncomingPayload;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.ReplyPayload;
import org.vidshare.core.spi.Request;
import org.vidshare.server.config.ConfigKey;
import org.vidshare.server.plugin.PluginRegistry;

/**
 * Runs one request's command, in a fixed order: find the handler ({@code unknown_type}), the
 * transport gate (tls.require-for-login: {@code forbidden} for a login on the plain port), role gate
 * ({@code not_logged_in}, {@code forbidden}), configuration gate, payload limits, the handler. A
 * payload that no handler claimed is read to its end and dropped before the reply, so the
 * connection stays in sync. Every failure becomes a failed stage.
 */
final class CommandRunner {
    private static final String LOGIN = "login";

    private final ServerServices services;
    private final UploadLimits uploadLimits;
    /** tls.require-for-login: no password or ticket crosses the plain port. */
    private final boolean requireTlsForLogin;

    private final DownloadSlots downloadSlots;

    CommandRunner(ServerServices services, DownloadSlots downloadSlots) {
        this.services = services;
        this.downloadSlots = downloadSlots;
        this.uploadLimits = new UploadLimits(services.config().getInt(ConfigKey.UPLOAD_MAX_CONCURRENT_PER_USER),
                services.config().dataDir());
        this.requireTlsForLogin = services.config().getBoolean(ConfigKey.TLS_REQUIRE_FOR_LOGIN);
    }

    /**
     * The handler's outcome; its reply's file, if any, is one the command declared. On a network
     * thread, a handler that would wait fails with {@link MoveToWorker}.
     */
    CompletionStage<Reply> run(Connection connection, Caller caller, ObjectNode json, IncomingPayload payload,
                               boolean onNetworkThread) {
        CompletionStage<Reply> outcome = gated(connection, caller, json, payload, onNetworkThread);
        if (payload == IncomingPayload.NONE) {
            return outcome;
        }
        return outcome.handle((reply, failure) -> {
            if (failure != null && unwrap(failure) instanceof CommandException ce && ce.closesConnection()) {
                return outcome;
            }
            return connection.payloadReceiver().discardUnlessClaimed().thenCompose(done -> outcome);
        }).thenCompose(stage -> stage);
    }

    private CompletionStage<Reply> gated(Connection connection, Caller caller, ObjectNode json, IncomingPayload payload,
                                         boolean onNetworkThread) {
        try {
            return gateAndHandle(connection, caller, json, payload, onNetworkThread);
        } catch (CommandException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Reply> gateAndHandle(Connection connection, Caller caller, ObjectNode json,
                                                 IncomingPayload payload, boolean onNetworkThread) throws CommandException {
        String type = json.get("type").asText();
        PluginRegistry.Loaded loaded = services.plugins().find(type);
        if (loaded == null) {
            throw new CommandException(ErrorCode.UNKNOWN_TYPE, "未知的请求类型 " + type, "unknown request type " + type);
        }
        if (LOGIN.equals(type) && requireTlsForLogin && !connection.tls()) {
            throw new CommandException(ErrorCode.FORBIDDEN, "此服务器只接受 TLS 端口上的登录",
                    "This server accepts logins only on its TLS port (tls.require-for-login)");
        }
        if (loaded.spec().audience().needsLogin() && caller == null) {
            throw CommandException.of(ErrorCode.NOT_LOGGED_IN);
        }
        if (!loaded.spec().audience().admits(caller == null ? null : caller.role())) {
            throw CommandException.of(ErrorCode.FORBIDDEN);
        }
        if (!loaded.handler().available(services.config())) {
            // A loaded command that the configuration turns off (recharge without a payment provider).
            throw new CommandException(ErrorCode.FORBIDDEN, "该功能已关闭", "This feature is turned off");
        }
        if (onNetworkThread) {
            // Only a spec that moves no bytes may say fromMemory (CommandSpec.problem), so no slot or limit applies.
            return handle(loaded, new RequestContext(services, connection, caller, payload, true), json);
        }
        if (loaded.spec().replyPayload() == ReplyPayload.FILE) {
            return withDownloadSlot(loaded, connection, caller, json, payload);
        }
        if (payload == IncomingPayload.NONE) {
            return handle(loaded, connection, caller, json, payload);
        }
        Runnable release = uploadLimits.admit(caller, payload.length());
        try {
            return handle(loaded, connection, caller, json, payload).whenComplete((reply, failure) -> release.run());
        } catch (CommandException | RuntimeException e) {
            release.run();
            throw e;
        }
    }

    /**
     * A command that may reply with a file runs only with a download slot, taken before its handler
     * (which may charge and record): kept when a file follows (the download sender gives it back),
     * given back at once otherwise.
     */
    private CompletionStage<Reply> withDownloadSlot(PluginRegistry.Loaded loaded, Connection connection, Caller caller,
                                                    ObjectNode json, IncomingPayload payload) throws CommandException {
        downloadSlots.take(connection);
        try {
            return handle(loaded, connection, caller, json, payload).whenComplete((reply, failure) -> {
                if (failure != null || reply.file() == null) {
                    downloadSlots.release(connection);
                }
            });
        } catch (CommandException | RuntimeException e) {
            downloadSlots.release(connection);
            throw e;
        }
    }

    private CompletionStage<Reply> handle(PluginRegistry.Loaded loaded, Connection connection, Caller caller,
                                          ObjectNode json, IncomingPayload payload) throws CommandException {
        return handle(loaded, new RequestContext(services, connection, caller, payload, false), json);
    }

    private CompletionStage<Reply> handle(PluginRegistry.Loaded loaded, RequestContext context, ObjectNode json)
            throws CommandException {
        Reply reply = loaded.handler().handle(Request.of(json), context);
        if (reply == null) {
            throw new IllegalStateException("handler of '" + loaded.spec().type() + "' returned no reply");
        }
        CompletionStage<Reply> stage = reply.later() != null ? reply.later() : CompletableFuture.completedFuture(reply);
        return stage.thenApply(done -> requireDeclaredFile(loaded, done));
    }

    /** What a client reads after a reply must be known from the spec: a file only from a command that declares one. */
    private static Reply requireDeclaredFile(PluginRegistry.Loaded loaded, Reply reply) {
        if (reply.file() != null && loaded.spec().replyPayload() != ReplyPayload.FILE) {
            throw new IllegalStateException("'" + loaded.spec().type() + "' replied with a file its spec does not declare");
        }
        return reply;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
