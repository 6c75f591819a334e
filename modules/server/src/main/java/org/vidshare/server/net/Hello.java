package org.vidshare.server.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Frames;
import org.vidshare.core.protocol.Language;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.Dialect;
import org.vidshare.core.spi.Role;

/**
 * {@code hello}, protocol negotiation: the one command of the server core. It sets the
 * connection's language and moves it to the native dialect, and lists what its role may use.
 */
final class Hello {
    static final String TYPE = "hello";

    private final ServerServices services;
    private final FeatureCatalog.Cache features;
    private volatile int tlsPort;

    Hello(ServerServices services) {
        this.services = services;
        this.features = new FeatureCatalog.Cache(services.plugins(), services.config());
    }

    /** Announces the TLS listener in hello replies, so that clients can move to it. */
    void announceTlsPort(int port) {
        this.tlsPort = port;
    }

    Map<String, Object> answer(Connection connection, ObjectNode json) {
        JsonNode protocol = json.get("protocol");
        if (protocol != null && !protocol.isNull() && !(protocol.isIntegralNumber() && protocol.canConvertToLong()
                && protocol.asLong() == Frames.PROTOCOL_VERSION)) {
            Map<String, Object> reply = Replies.error(connection.language(), CommandException.badRequest(
                    "不支持的协议版本", "unsupported protocol version"));
            reply.put("protocol", Frames.PROTOCOL_VERSION);
            return reply;
        }
        connection.language(Language.fromTag(textOrNull(json.get("lang"))).orElse(services.defaultLanguage()));
        connection.dialect(Dialect.NATIVE);
        Role role = services.sessions().resolve(connection.sessionToken(), connection).map(Caller::role).orElse(null);
        Map<String, Object> reply = Replies.base(true, ErrorCode.OK, Text.of("你好", "Hello"), connection.language());
        reply.put("protocol", Frames.PROTOCOL_VERSION);
        reply.put("server", "vidshare/1.0");
        if (tlsPort > 0) {
            reply.put("tls_port", tlsPort);
        }
        reply.put("features", features.forRole(role, connection.language()));
        return reply;
    }

    static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
