package org.vidshare.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.vidshare.core.protocol.Language;

/**
 * How one kind of client speaks: an adapter in front of the command handlers that renames its
 * request types and keys to the commands' own and reshapes the replies into the forms it parses.
 * A connection speaks {@link #NATIVE} from its first {@code hello} on; before that it speaks the
 * dialect a module provides as a service (the 2018 course clients' classic dialect), or native
 * when none does. No handler knows which dialect a request came in.
 */
public interface Dialect {
    /** The command that a request type of this dialect names; the codec asks before the request is read. */
    String commandType(String type);

    /** The command's own request for a request of this dialect (a new object: the argument is not changed). */
    ObjectNode request(ObjectNode json);

    /**
     * This dialect's form of a reply body ({@code flag}, {@code code}, {@code msg} and the
     * command's keys) that {@code commandType} produced.
     */
    Map<String, Object> reply(String commandType, Map<String, Object> body, Language language);

    /**
     * How many rows a paged list gives a request of this dialect that names no {@code limit}, and
     * the most it may name. A dialect whose clients cannot page says so here, never in a handler.
     */
    default Paging.Rules pageRules() {
        return Paging.Rules.NATIVE;
    }

    /** The protocol as the commands speak it: nothing renamed, nothing reshaped. */
    Dialect NATIVE = new Dialect() {
        @Override
        public String commandType(String type) {
            return type;
        }

        @Override
        public ObjectNode request(ObjectNode json) {
            return json;
        }

        @Override
        public Map<String, Object> reply(String commandType, Map<String, Object> body, Language language) {
            return body;
        }

        @Override
        public String toString() {
            return "native";
        }
    };
}
