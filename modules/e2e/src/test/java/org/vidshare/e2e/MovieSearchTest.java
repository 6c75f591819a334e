package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * get_movie_list's search (served from the in-memory copy and its index of character pairs) against
 * the plain rule, "the name, lower-cased, contains the query": random names over a small alphabet
 * (so that pairs repeat across names, inside one name, and across the end of one name and the start
 * of the next) and random queries, each compared in full (order, total, kind and paging).
 */
class MovieSearchTest extends OneServerPerClass {
    private static final String ALPHABET = "aAb4._-电影";
    private static final long SEED = 20261202L;

    @TempDir
    static Path dir;

    @BeforeAll
    static void uploadCatalog() throws Exception {
        Random random = new Random(SEED);
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            for (int i = 0; i < 40; i++) {
                String name = randomText(random, 2 + random.nextInt(7)) + ".mp4";
                Path file = MovieFiles.random(dir, "s" + i, 2_000 + i, 1_000 + i);
                ClientReply reply = admin.upload(MovieFiles.uploadRequest(file, name, random.nextBoolean()), file,
                        TransferListener.NONE);
                assertThat(reply.ok()).as(reply.toString()).isTrue();
            }
        }
    }

    @Test
    void everySearchSelectsExactlyTheNamesThatContainTheQuery() throws Exception {
        Random random = new Random(SEED + 1);
        try (VidShareClient user = server.loggedIn("searcher", "user")) {
            ClientReply all = user.call(Map.of("type", "get_movie_list", "limit", 1000));
            List<Map.Entry<String, Boolean>> newestFirst = all.list("movie_list").stream()
                    .map(m -> Map.entry(m.get("name").asText(), m.get("is_free").asInt() == 1)).toList();
            assertThat(newestFirst).hasSize(40);
            for (int q = 0; q < 150; q++) {
                String query = q % 10 == 0 ? "4.mp4" : randomText(random, 1 + random.nextInt(3));
                String kind = List.of("all", "free", "charge").get(q % 3);
                List<String> expected = newestFirst.stream()
                        .filter(e -> kind.equals("all") || e.getValue() == kind.equals("free"))
                        .map(Map.Entry::getKey)
                        .filter(name -> name.toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT)))
                        .toList();
                ClientReply found = user.call(Map.of("type", "get_movie_list", "query", query, "movie_type", kind,
                        "limit", 1000));
                assertThat(found.number("total")).as("total of %s in %s", query, kind).isEqualTo(expected.size());
                assertThat(names(found)).as("%s in %s", query, kind).isEqualTo(expected);
                int offset = expected.isEmpty() ? 0 : random.nextInt(expected.size());
                ClientReply page = user.call(Map.of("type", "get_movie_list", "query", query, "movie_type", kind,
                        "offset", offset, "limit", 3));
                assertThat(page.number("total")).isEqualTo(expected.size());
                assertThat(names(page)).isEqualTo(expected.subList(offset, Math.min(offset + 3, expected.size())));
            }
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static List<String> names(ClientReply list) {
        assertThat(list.ok()).as(list.toString()).isTrue();
        return list.list("movie_list").stream().map(m -> m.get("name").asText()).toList();
    }
}
