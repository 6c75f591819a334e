package org.vidshare.client.swing.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * A text to show later, kept as a {@link Texts} key and its arguments rather than as a rendered
 * string, so that a status line or a result view made before a language switch shows the new
 * language afterwards. Arguments may be messages themselves (rendered in the same language) or
 * {@link #literal literal} words, e.g. what the server said, which stay as they came.
 */
public final class Message {
    private final String description;
    private final Function<Texts, String> renderer;

    private Message(String description, Function<Texts, String> renderer) {
        this.description = description;
        this.renderer = renderer;
    }

    /** The client's text {@code key} with {@code {0}}-style arguments (strings, numbers or messages). */
    public static Message of(String key, Object... args) {
        Objects.requireNonNull(key);
        Object[] kept = args.clone();
        return new Message(key + Arrays.toString(kept), texts -> texts.get(key, Arrays.stream(kept)
                .map(arg -> arg instanceof Message message ? message.render(texts) : arg)
                .toArray()));
    }

    /** Words that are not the client's own (a server reply's msg, a file name): shown as they are. */
    public static Message literal(String text) {
        String kept = text == null ? "" : text;
        return new Message(kept, texts -> kept);
    }

    /** A text put together from others at render time (e.g. a code's words, then the server's unless they are the same). */
    public static Message composed(String description, Function<Texts, String> renderer) {
        return new Message(description, renderer);
    }

    /** The text in the language {@code texts} has now. */
    public String render(Texts texts) {
        return renderer.apply(texts);
    }

    @Override
    public String toString() {
        return description;
    }
}
