package org.vidshare.server.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Language;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.Reply;

/** The reply shape of docs/protocol.md ({@code flag}, {@code code}, {@code msg}, then the command's keys). */
final class Replies {
    private Replies() {
    }

    static Map<String, Object> success(Language language, Reply reply) {
        Text text = reply.text() != null ? reply.text() : ErrorCode.OK.defaultMessage();
        Map<String, Object> body = base(true, ErrorCode.OK, text, language);
        body.putAll(reply.values());
        return body;
    }

    static Map<String, Object> error(Language language, CommandException failure) {
        Map<String, Object> body = base(false, failure.code(), failure.text(), language);
        body.putAll(failure.extra());
        return body;
    }

    static Map<String, Object> base(boolean flag, ErrorCode code, Text text, Language language) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flag", flag);
        body.put("code", code.wire());
        body.put("msg", text.in(language));
        return body;
    }

    /** The body as the connection's dialect wants it: v1 as is, classic reshaped. */
    static Object inDialect(boolean classic, String type, Map<String, Object> body, Language language) {
        return classic ? ClassicDialect.reply(type, body, language) : body;
    }

    /** The code of a v1 or classic body, for the request log. */
    static Object codeOf(Object body) {
        return body instanceof Map<?, ?> map ? map.get("code") : ((ObjectNode) body).path("code").asText();
    }
}
