package org.vidshare.client.swing.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.swing.table.AbstractTableModel;
import org.vidshare.client.ClientReply;

/**
 * A reply as a generic view shows it, after the feature's {@code result} kind: {@code message}
 * (the reply's msg), {@code record} (its own keys as key/value rows) or {@code table} (the
 * reply's first list of objects, one column per key in first-seen order). A failed reply is
 * always a message: the readable error.
 */
public final class ResultModel {
    /** Keys every reply has, or that mean nothing to a person: never shown as data. */
    private static final Set<String> PLUMBING = Set.of("flag", "code", "msg", "session", "features");

    public enum Kind { MESSAGE, RECORD, TABLE }

    private final Kind kind;
    private final boolean ok;
    private final String message;
    private final List<String> columns;
    private final List<List<String>> rows;

    private ResultModel(Kind kind, boolean ok, String message, List<String> columns, List<List<String>> rows) {
        this.kind = kind;
        this.ok = ok;
        this.message = message;
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
    }

    public static ResultModel of(String resultKind, ClientReply reply, Texts texts) {
        if (!reply.ok()) {
            return new ResultModel(Kind.MESSAGE, false, ErrorText.of(reply, texts), List.of(), List.of());
        }
        return switch (resultKind) {
            case "record" -> record(reply, texts);
            case "table" -> table(reply, texts);
            default -> new ResultModel(Kind.MESSAGE, true, reply.msg(), List.of(), List.of());
        };
    }

    private static ResultModel record(ClientReply reply, Texts texts) {
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = reply.json().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!PLUMBING.contains(entry.getKey())) {
                rows.add(List.of(entry.getKey(), cell(entry.getValue())));
            }
        }
        return new ResultModel(Kind.RECORD, true, reply.msg(),
                List.of(texts.get("result.key"), texts.get("result.value")), rows);
    }

    private static ResultModel table(ClientReply reply, Texts texts) {
        JsonNode list = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = reply.json().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!PLUMBING.contains(entry.getKey()) && entry.getValue().isArray()) {
                list = entry.getValue();
                break;
            }
        }
        if (list == null) {
            return record(reply, texts);
        }
        Set<String> columns = new LinkedHashSet<>();
        list.forEach(item -> item.fieldNames().forEachRemaining(columns::add));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode item : list) {
            List<String> row = new ArrayList<>();
            for (String column : columns) {
                row.add(item.isObject() ? cell(item.path(column)) : cell(item));
            }
            if (!item.isObject() && columns.isEmpty()) {
                row.add(cell(item));
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(columns);
        if (header.isEmpty() && !rows.isEmpty()) {
            header.add(texts.get("result.value"));
        }
        return new ResultModel(Kind.TABLE, true, reply.msg(), header, rows);
    }

    private static String cell(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    public Kind kind() {
        return kind;
    }

    public boolean ok() {
        return ok;
    }

    public String message() {
        return message;
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<String>> rows() {
        return rows;
    }

    /**
     * The columns a person sees: names instead of ids. {@code movie_id} is left out where the
     * rows carry {@code movie_name}, and a row's own {@code id} where it has a {@code name} or a
     * {@code title}. The ids stay in {@link #columns} and the rows, for the row actions.
     */
    public List<String> shownColumns() {
        return columns.stream().filter(column -> !hidden(column)).toList();
    }

    private boolean hidden(String column) {
        if (column.equals("id")) {
            return columns.contains("name") || columns.contains("title");
        }
        return column.endsWith("_id") && columns.contains(column.substring(0, column.length() - 3) + "_name");
    }

    /** The cell of {@code row} under the shown column {@code key} (raw, as the reply had it). */
    public String cell(int row, String key) {
        int index = columns.indexOf(key);
        List<String> cells = rows.get(row);
        return index >= 0 && index < cells.size() ? cells.get(index) : "";
    }

    /**
     * A column's share of a table's width: text (titles, contents, names) gets most, times some,
     * ids, flags and amounts little, so that no column squeezes the others out of sight.
     */
    public static int weight(String key) {
        if (key.equals("content") || key.equals("title") || key.endsWith("name")) {
            return 4;
        }
        if (key.endsWith("_time") || key.equals("time") || key.equals("kind")) {
            return 2;
        }
        return 1;
    }

    /** The rows as a Swing table model (read-only). */
    public AbstractTableModel tableModel() {
        return new AbstractTableModel() {
            @Override
            public int getRowCount() {
                return rows.size();
            }

            @Override
            public int getColumnCount() {
                return columns.size();
            }

            @Override
            public String getColumnName(int column) {
                return columns.get(column);
            }

            @Override
            public Object getValueAt(int row, int column) {
                List<String> cells = rows.get(row);
                return column < cells.size() ? cells.get(column) : "";
            }
        };
    }
}
