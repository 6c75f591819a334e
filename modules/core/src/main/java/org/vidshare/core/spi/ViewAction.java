package org.vidshare.core.spi;

import java.util.Map;
import java.util.Objects;

/**
 * Where a client offers a command besides its menu entry: on the view of the command {@code list}
 * (its tab). With {@code fromRow} empty it is a button of that view (publish a notice on the
 * notices); otherwise it acts on the selected row, and each entry names the request field it fills
 * and the row key that fills it ({@code user_id} from {@code id} of a {@code list_users} row).
 */
public record ViewAction(String list, Map<String, String> fromRow) {
    public ViewAction {
        Objects.requireNonNull(list, "list");
        fromRow = Map.copyOf(fromRow);
    }

    public boolean needsRow() {
        return !fromRow.isEmpty();
    }
}
