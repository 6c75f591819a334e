package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * A command whose spec says {@code fromMemory} (get_movie_list) is answered on the network thread
 * that read it while its copies in memory are current, and moves to a worker, with the same answer,
 * where it must read the database: its first list after a change. Seen in the server's request log,
 * whose lines name the thread that answered.
 */
class FromMemoryTest {
    private static final int WARM_LISTS = 10;

    @TempDir
    Path dir;

    @Test
    void aCurrentListIsServedOnTheNetworkThreadAndAStaleOneOnAWorker() throws Exception {
        ServerCli.Serving child = ServerCli.serve(List.of("serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dir.resolve("data").toString(), "--set", "password.pbkdf2-iterations=1000"));
        List<Long> totals = new ArrayList<>();
        List<String> threads;
        try (VidShareClient admin = Nodes.loggedIn(child, "boss", "admin");
             VidShareClient user = Nodes.loggedIn(child, "lister", "user")) {
            MovieFiles.upload(admin, MovieFiles.random(dir, "kept.mp4", 4096, 1), true);
            long gone = MovieFiles.upload(admin, MovieFiles.random(dir, "gone.mp4", 4096, 2), false);
            for (int i = 0; i < 1 + WARM_LISTS; i++) {
                totals.add(list(child, user, i + 1));
            }
            assertCode(admin.call(Map.of("type", "delete_movie", "delete_movie_id", gone)), "ok");
            totals.add(list(child, user, WARM_LISTS + 2));
            threads = listLines(child, WARM_LISTS + 2).stream().map(RequestLog.Line::thread).toList();
        } finally {
            child.close();
        }
        assertThat(threads).as("threads of the list requests in %s", child.output()).hasSize(WARM_LISTS + 2);
        assertThat(totals.subList(0, WARM_LISTS + 1)).containsOnly(2L);
        assertThat(totals.get(WARM_LISTS + 1)).as("the list right after the delete").isEqualTo(1L);
        // The first list reads the movies (the uploads made the copy stale) and the caller's purchases.
        assertThat(threads.get(0)).startsWith("vidshare-worker");
        // The copies live a second: the lists right after are served where they were read.
        assertThat(threads.subList(1, WARM_LISTS + 1)).anySatisfy(t -> assertThat(t).startsWith("NioProcessor"));
        // The delete was written here: the next list cannot use the copy, and reads on a worker.
        assertThat(threads.get(WARM_LISTS + 1)).startsWith("vidshare-worker");
    }

    /**
     * The {@code nth} list, returned once its log line is out too: a line follows its reply, so
     * without the wait a worker's line could come after the line of the next list, answered on the
     * network thread in the meantime, and the lines would not be in the order of the requests.
     */
    private static long list(ServerCli.Serving child, VidShareClient user, int nth) throws Exception {
        ClientReply reply = user.call(Map.of("type", "get_movie_list"));
        assertCode(reply, "ok");
        assertThat(reply.list("movie_list")).hasSize((int) reply.number("total"));
        listLines(child, nth);
        return reply.number("total");
    }

    private static List<RequestLog.Line> listLines(ServerCli.Serving child, int count) throws InterruptedException {
        return RequestLog.await(child, line -> line.type().equals("get_movie_list") && line.user().equals("lister"),
                count);
    }
}
