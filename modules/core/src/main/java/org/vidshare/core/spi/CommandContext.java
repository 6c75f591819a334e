package org.vidshare.core.spi;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Language;

/**
 * What a handler may see and use while it serves one request. Handlers never touch MINA: the
 * connection is reached only through these facilities.
 */
public interface CommandContext {
    /** The account behind this connection's session, if the request carried a valid one. */
    Optional<Caller> caller();

    /** The caller, or {@code not_logged_in}. The dispatcher has already checked the command's audience. */
    default Caller requireCaller() throws CommandException {
        return caller().orElseThrow(() -> CommandException.of(ErrorCode.NOT_LOGGED_IN));
    }

    /**
     * The peer's address as the per-address limits count it ({@link AddressKey}: an IPv4 address
     * as itself, an IPv6 one by its /64).
     */
    String remoteAddress();

    /** The peer's address, for checks such as "the first admin only from loopback". */
    InetAddress remoteInetAddress();

    Language language();

    Settings settings();

    Clock clock();

    Transactions transactions();

    Sessions sessions();

    LoginGuard loginGuard();

    PasswordHasher passwords();

    /**
     * The page of a list that {@code request} asks for ({@code offset}, {@code limit}), under the
     * rules of the dialect it came in ({@link Dialect#pageRules()}).
     */
    default Paging page(Request request) throws CommandException {
        return Paging.of(request, Paging.Rules.NATIVE);
    }

    /** The request's payload; {@link IncomingPayload#NONE} for requests that carry none. */
    IncomingPayload payload();

    /** The features (hello's list) that an account of this role may use, in the connection's language. */
    List<Map<String, Object>> featuresFor(Role role);

    /**
     * A server facility by its type (storage, payment provider...), for features that need more than
     * this interface names.
     */
    <T> Optional<T> facility(Class<T> type);

    /** A facility every server provides (storage...): its absence is a broken server, not a request error. */
    default <T> T requireFacility(Class<T> type) {
        return facility(type).orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " facility"));
    }
}
