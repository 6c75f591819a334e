package org.vidshare.client.swing.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.swing.table.AbstractTableModel;
import org.vidshare.client.ClientReply;

/**
 * One view a command declares in its spec (a tab of the window), built from the feature alone: a
 * table of the reply's list with the declared columns, headers and kinds, the summary keys above
 * it, or (a record view) the reply's own keys one line each. The window names no command: a
 * drop-in's view looks like a bundled one. Cells are formatted here, so tests read what a person
 * sees.
 */
public final class ViewModel extends AbstractTableModel {
    /** A labelled value: a summary line above a list, or a line of a record view. */
    public record Line(String key, String label, String text) {
    }

    private final Feature feature;
    private final Texts texts;
    private List<JsonNode> rows = List.of();
    private JsonNode reply;
    private String error;

    public ViewModel(Feature feature, Texts texts) {
        if (feature.view() == null) {
            throw new IllegalArgumentException(feature.type() + " declares no view");
        }
        this.feature = feature;
        this.texts = texts;
    }

    public Feature feature() {
        return feature;
    }

    public String type() {
        return feature.type();
    }

    /** The tab's title: the command's label, in the connection's language. */
    public String title() {
        return feature.label();
    }

    public boolean isList() {
        return feature.view().isList();
    }

    public Map<String, Object> request() {
        return Map.of("type", feature.type());
    }

    /**
     * Runs the command; the rows change on {@code ui}, and the future completes after that with the
     * reply. A failed reply keeps the rows and says why ({@link #error}).
     */
    public CompletableFuture<ClientReply> reload(Connection connection, Executor ui) {
        return connection.call(request()).thenApplyAsync(r -> {
            setReply(r);
            return r;
        }, ui);
    }

    /** Takes a reply of the command. Call on the EDT when a table shows this model. */
    public void setReply(ClientReply newReply) {
        if (!newReply.ok()) {
            error = ErrorText.of(newReply, texts);
            fireTableDataChanged();
            return;
        }
        error = null;
        reply = newReply.json();
        List<JsonNode> list = new ArrayList<>();
        if (isList()) {
            reply.path(feature.view().list()).forEach(list::add);
        }
        rows = List.copyOf(list);
        fireTableStructureChanged();
    }

    /** Whether a reply has been shown. */
    public boolean loaded() {
        return reply != null;
    }

    /** Why the last reload failed, or null. */
    public String error() {
        return error;
    }

    /** The summary above a list, or the lines of a record view. */
    public List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        if (reply == null) {
            return lines;
        }
        List<Feature.ColumnSpec> shown = isList() ? feature.view().summary() : feature.view().columns();
        for (Feature.ColumnSpec column : shown) {
            lines.add(new Line(column.key(), column.label(), Formats.value(column.kind(), column.key(), reply.get(column.key()), texts)));
        }
        return lines;
    }

    /** The formatted value of a summary or record key, or null when the view does not show it. */
    public String line(String key) {
        return lines().stream().filter(l -> l.key().equals(key)).map(Line::text).findFirst().orElse(null);
    }

    /** The table's columns: the list's, less its bodies (those are read whole beside it). */
    public List<Feature.ColumnSpec> columns() {
        return isList() ? feature.view().columns().stream().filter(c -> !c.isBody()).toList() : List.of();
    }

    /** Whether the list has a body to read beside it (a notice's text). */
    public boolean hasBody() {
        return isList() && feature.view().columns().stream().anyMatch(Feature.ColumnSpec::isBody);
    }

    /** The body columns of a row, whole, one paragraph each; empty for no row. */
    public String body(int row) {
        if (row < 0 || row >= rows.size()) {
            return "";
        }
        return String.join("\n\n", feature.view().columns().stream().filter(Feature.ColumnSpec::isBody)
                .map(c -> Formats.value("text", c.key(), rows.get(row).get(c.key()), texts)).toList());
    }

    /** The raw value of {@code key} in a row (a row action's field), or null. */
    public String rowValue(int row, String key) {
        if (row < 0 || row >= rows.size()) {
            return null;
        }
        JsonNode value = rows.get(row).get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return columns().size();
    }

    @Override
    public String getColumnName(int column) {
        return columns().get(column).label();
    }

    @Override
    public Object getValueAt(int row, int column) {
        Feature.ColumnSpec spec = columns().get(column);
        return Formats.value(spec.kind(), spec.key(), rows.get(row).get(spec.key()), texts);
    }
}
