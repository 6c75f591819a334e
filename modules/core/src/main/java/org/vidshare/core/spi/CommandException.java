package org.vidshare.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Text;

/** An expected failure: becomes a reply with {@code flag} false, its code, its message and extra keys. */
public final class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Text text;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private boolean closeConnection;

    public CommandException(ErrorCode code, Text text) {
        super(code.wire() + ": " + text.en(), null, false, false);
        this.code = code;
        this.text = text;
        this.closeConnection = code.closesConnection();
    }

    public CommandException(ErrorCode code, String zh, String en) {
        this(code, Text.of(zh, en));
    }

    public static CommandException of(ErrorCode code) {
        return new CommandException(code, code.defaultMessage());
    }

    public static CommandException badRequest(String zh, String en) {
        return new CommandException(ErrorCode.BAD_REQUEST, zh, en);
    }

    /** Adds a key to the error reply, e.g. the {@code movie_id} of a conflict. */
    public CommandException with(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    /** Marks this failure as one that closes the connection after the reply. */
    public CommandException closing() {
        this.closeConnection = true;
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public Text text() {
        return text;
    }

    public Map<String, Object> extra() {
        return Collections.unmodifiableMap(extra);
    }

    public boolean closesConnection() {
        return closeConnection;
    }
}
