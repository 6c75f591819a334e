package org.vidshare.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.vidshare.core.protocol.Text;

/**
 * A successful reply: its message, its own keys and, for a download, the file that follows it.
 * A reply may also be "later": a handler that first receives a payload answers when it is in.
 */
public final class Reply {
    private final Text text;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private OutgoingFile file;
    private final CompletionStage<Reply> later;

    private Reply(Text text, CompletionStage<Reply> later) {
        this.text = text;
        this.later = later;
    }

    public static Reply ok() {
        return new Reply(null, null);
    }

    public static Reply ok(String zh, String en) {
        return new Reply(Text.of(zh, en), null);
    }

    /**
     * A reply that completes later (after an upload's payload). A stage that fails with a
     * {@link CommandException} becomes that error reply.
     */
    public static Reply later(CompletionStage<Reply> stage) {
        return new Reply(null, stage);
    }

    public static Reply failedLater(CommandException failure) {
        return later(CompletableFuture.failedFuture(failure));
    }

    public Reply put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Attaches the file whose bytes follow this reply on the wire. */
    public Reply withFile(OutgoingFile outgoing) {
        this.file = outgoing;
        return this;
    }

    /** The message, or null for the code's default. */
    public Text text() {
        return text;
    }

    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    public OutgoingFile file() {
        return file;
    }

    public CompletionStage<Reply> later() {
        return later;
    }
}
