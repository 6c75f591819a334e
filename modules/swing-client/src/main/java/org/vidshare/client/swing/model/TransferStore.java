package org.vidshare.client.swing.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The transfer queue kept between runs: {@code transfers.json} in the client's state directory
 * ({@code ~/.vidshare}, or {@code -Dvidshare.client.state-dir}). It holds the unfinished transfers
 * of every server and account this client used, so a window signed in as one account leaves the
 * others' entries alone. Written whole to a temporary file and moved over the old one, so a crash
 * mid-write leaves the previous queue, never half a file.
 */
public final class TransferStore {
    public static final String FILE_NAME = "transfers.json";
    private static final int VERSION = 1;

    /** One unfinished transfer: whose it is (server, account) and what {@link Transfer} needs to run it again. */
    public record Entry(String server, String account, Transfer.Kind kind, String name, Path file, long movieId,
                        boolean free) {
        public Entry {
            Objects.requireNonNull(server);
            Objects.requireNonNull(account);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(name);
            Objects.requireNonNull(file);
        }

        boolean owner(String ownerServer, String ownerAccount) {
            return server.equals(ownerServer) && account.equals(ownerAccount);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Consumer<String> problems;
    private final List<Entry> entries = new ArrayList<>(); // guarded by this

    private TransferStore(Path file, Consumer<String> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The queue in {@code dir}/transfers.json, read now; a file that cannot be read is reported and ignored. */
    public static TransferStore in(Path dir, Consumer<String> problems) {
        TransferStore store = new TransferStore(dir.resolve(FILE_NAME), problems);
        store.load();
        return store;
    }

    /** {@code -Dvidshare.client.state-dir} (tests), else {@code ~/.vidshare}. */
    public static Path defaultDir() {
        String override = System.getProperty("vidshare.client.state-dir");
        return override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".vidshare");
    }

    /** A queue that is not kept (tests of other things, and a client told not to). */
    public static TransferStore none() {
        return new TransferStore(null, text -> { });
    }

    public Path file() {
        return file;
    }

    /** The saved transfers of this server and account. */
    public synchronized List<Entry> entriesOf(String server, String account) {
        return entries.stream().filter(e -> e.owner(server, account)).toList();
    }

    /** Replaces what is saved for this server and account with {@code now} and writes the file. */
    public synchronized void save(String server, String account, List<Entry> now) {
        List<Entry> next = new ArrayList<>(entries.stream().filter(e -> !e.owner(server, account)).toList());
        next.addAll(now);
        if (next.equals(entries)) {
            return;
        }
        entries.clear();
        entries.addAll(next);
        write();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (JsonNode node : root.path("transfers")) {
                entries.add(new Entry(node.path("server").asText(), node.path("account").asText(),
                        "upload".equals(node.path("kind").asText()) ? Transfer.Kind.UPLOAD : Transfer.Kind.DOWNLOAD,
                        node.path("name").asText(), Path.of(node.path("file").asText()),
                        node.path("movie_id").asLong(), node.path("free").asBoolean()));
            }
        } catch (IOException | RuntimeException e) {
            // A damaged queue must not keep the client from starting; the next save replaces it.
            entries.clear();
            problems.accept(file + ": " + e.getMessage());
        }
    }

    private void write() {
        if (file == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ArrayNode list = root.putArray("transfers");
        for (Entry e : entries) {
            ObjectNode node = list.addObject();
            node.put("server", e.server());
            node.put("account", e.account());
            node.put("kind", e.kind() == Transfer.Kind.UPLOAD ? "upload" : "download");
            node.put("name", e.name());
            node.put("file", e.file().toAbsolutePath().toString());
            node.put("movie_id", e.movieId());
            node.put("free", e.free());
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            problems.accept(file + ": " + e.getMessage());
        }
    }
}
