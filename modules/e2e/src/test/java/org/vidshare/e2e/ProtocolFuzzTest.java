package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;
import org.vidshare.core.hash.Passwords;

/**
 * A bounded, seeded fuzz run of the frame decoder and the dispatcher against a real server over TCP:
 * random bytes, real requests of every command with mutated values, keys and sessions, corrupted
 * JSON, wrong length prefixes, upload headers with their payloads, several frames in one write,
 * from anonymous, user and admin connections in both dialects. Every case is held to
 * {@link FramingModel}'s prediction (one reply per complete frame, a close only where docs/protocol.md
 * says so), no reply may be {@code internal} or malformed, and every {@value #CHECK_EVERY} cases a
 * well-behaved client must still be served.
 *
 * <p>CI runs it for {@code vidshare.fuzz.seconds} (default 20); a long run:
 * {@code mvn -B -o verify -pl modules/e2e -am -Dtest=ProtocolFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dvidshare.fuzz.seconds=600}. A failure names its seed; {@code -Dvidshare.fuzz.seed=<seed>} replays
 * the same cases.
 */
class ProtocolFuzzTest {
    static final int CHECK_EVERY = 50;
    private static final long SECONDS = Long.getLong("vidshare.fuzz.seconds", 20);
    private static final long SEED = Long.getLong("vidshare.fuzz.seed", System.currentTimeMillis());
    /** The server's default (protocol.max-header-bytes), set explicitly: the model predicts by it. */
    private static final int MAX_HEADER = 64 * 1024;
    private static final long MAX_UPLOAD = 1 << 20;
    private static final int MOVIE_BYTES = 4096;
    private static final Set<String> CODES = Set.of("ok", "bad_frame", "bad_request", "unknown_type", "not_logged_in",
            "forbidden", "bad_credentials", "wrong_user_type", "locked", "conflict", "not_found", "insufficient_balance",
            "integrity", "too_large", "too_many_requests", "internal");

    @TempDir
    Path files;

    private TestServer server;
    private VidShareClient rescue;
    private final Map<String, Long> accountIds = new TreeMap<>();
    private final Map<String, Integer> codes = new TreeMap<>();
    private final List<String> sessions = new ArrayList<>();
    private int checks;

    @Test
    void garbageNeitherCrashesNorConfusesTheServer() throws Exception {
        System.out.printf("fuzz: seed %d for %d s (-Dvidshare.fuzz.seed=%d replays it)%n", SEED, SECONDS, SEED);
        server = TestServer.start(Map.of(
                "upload.max-bytes", Long.toString(MAX_UPLOAD),
                "protocol.max-header-bytes", Integer.toString(MAX_HEADER),
                "download.free-wait-seconds", "0",
                // The fuzzer fails logins by the thousand: the rate limits have tests of their own.
                "login.max-failures", "1000",
                "login.max-failures-per-address", "1000000",
                "server.max-connections-per-address", "100000"));
        try {
            run();
        } finally {
            server.closeAndDelete();
        }
    }

    private void run() throws Exception {
        FrameFuzzer.World world = world();
        List<Actor> actors = List.of(new Actor("anonymous v1", null, false), new Actor("anonymous classic", null, true),
                new Actor("user v1", "fuzz-user", false), new Actor("user classic", "fuzz-user", true),
                new Actor("admin v1", "fuzz-admin", false), new Actor("admin classic", "fuzz-admin", true));
        for (Actor actor : actors) {
            actor.connect();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        int cases = 0;
        int skipped = 0;
        while (System.nanoTime() < deadline) {
            Random random = new Random(SEED * 1_000_003L + cases + skipped);
            Actor actor = actors.get(random.nextInt(actors.size()));
            byte[] bytes = new FrameFuzzer(world, random).nextCase(actor.session);
            FramingModel.Prediction prediction = FramingModel.predict(bytes, MAX_HEADER, MAX_UPLOAD);
            if (touchesTheHarness(prediction)) {
                skipped++;
                continue;
            }
            play(actor, bytes, prediction, cases);
            cases++;
            if (cases % CHECK_EVERY == 0) {
                wellBehavedClientIsServed(cases);
            }
        }
        wellBehavedClientIsServed(cases);
        System.out.printf("fuzz: %d cases (%d skipped), replies by code %s%n", cases, skipped, codes);
        for (Actor actor : actors) {
            actor.client.close();
        }
        rescue.close();
        assertThat(cases).as("cases played in %d s", SECONDS).isGreaterThan(50);
        assertThat(Wire.eventually(Duration.ofSeconds(10), () -> server.openConnectionCount() == 0))
                .as("connections left open on the server after the fuzzer closed all of its own").isTrue();
    }

    /** Sends one case and holds the server to the prediction. */
    private void play(Actor actor, byte[] bytes, FramingModel.Prediction prediction, int index) throws IOException {
        String where = "seed " + SEED + ", case " + index + ", " + actor.label + ", bytes " + hex(bytes)
                + "\nprevious case on this connection: " + actor.previous;
        actor.previous = "case " + index + " " + hex(bytes);
        try {
            actor.client.sendRaw(bytes);
        } catch (IOException e) {
            fail("the server closed the connection before the request (%s)%n%s", e, where);
        }
        boolean sessionMayHaveChanged = false;
        boolean downloaded = false;
        for (FramingModel.Answered frame : prediction.answered()) {
            ClientReply reply;
            try {
                reply = actor.client.readReply();
            } catch (IOException e) {
                throw new AssertionError("no reply to a frame the server must answer (" + e + ")\n" + where, e);
            }
            checkReply(reply, frame, where);
            codes.merge(reply.code(), 1, Integer::sum);
            if (reply.ok() && "download_movie".equals(frame.type())) {
                long payload = reply.number("file_size") - reply.number("offset");
                assertThat(actor.client.rawInput().readNBytes((int) payload)).as("download payload; %s", where)
                        .hasSize((int) payload);
                downloaded = true;
            }
            if (reply.ok() && Set.of("login", "logout", "change_password").contains(frame.type())) {
                sessionMayHaveChanged = true;
            }
        }
        switch (prediction.end()) {
            case CLOSED -> {
                assertThat(actor.client.isClosedByPeer(10_000)).as("closed after a closing reply; %s", where).isTrue();
                actor.connect();
            }
            case WAITING -> actor.connect();
            case OPEN -> {
                if (sessionMayHaveChanged) {
                    actor.connect();
                } else if (downloaded) {
                    awaitTransferEnd(actor, where);
                }
            }
        }
    }

    /**
     * The payload's last byte can reach the client before the server has seen its write complete, and
     * until then the connection counts as busy with a transfer: a change_password on another of the
     * account's connections would close it then (docs/protocol.md), which the model cannot predict.
     * The server reads nothing more until the transfer is done, so a ping's reply marks its end.
     */
    private static void awaitTransferEnd(Actor actor, String where) throws IOException {
        try {
            assertThat(Wire.ping(actor.client).code()).as("ping after a download; %s", where).isEqualTo("ok");
        } catch (IOException e) {
            throw new AssertionError("no reply to a ping after a download (" + e + ")\n" + where, e);
        }
    }

    private static void checkReply(ClientReply reply, FramingModel.Answered frame, String where) {
        JsonNode json = reply.json();
        assertThat(json.path("flag").isBoolean() && json.path("code").isTextual() && json.path("msg").isTextual())
                .as("flag, code and msg in %s; %s", reply, where).isTrue();
        assertThat(reply.code()).as("a known code in %s; %s", reply, where).isIn(CODES);
        assertThat(reply.code()).as("code of %s; %s", reply, where).isNotEqualTo("internal");
        assertThat(reply.msg()).as("msg of %s; %s", reply, where).isNotBlank();
        if (frame.json() == null) {
            assertThat(reply.code()).as("reply to an unusable frame; %s", where)
                    .isEqualTo(frame.closes() ? "bad_frame" : "bad_request");
        } else if (frame.closes()) {
            assertThat(reply.code()).as("reply to a refused upload header; %s", where).isIn("bad_request", "too_large");
        }
    }

    /**
     * Whether the case would lock or reset one of the harness's own accounts: the fuzzer may attack any
     * other account, but it must keep its own logins (and the rescue admin that repairs them).
     */
    private boolean touchesTheHarness(FramingModel.Prediction prediction) {
        for (FramingModel.Answered frame : prediction.answered()) {
            if (frame.json() != null && Set.of("lock_user", "reset_password").contains(frame.type())) {
                JsonNode id = frame.json().get("user_id");
                if (id != null && id.isIntegralNumber() && id.canConvertToLong() && accountIds.containsValue(id.asLong())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every few cases: a new, correct client gets everything it asks for. */
    private void wellBehavedClientIsServed(int cases) throws IOException {
        try (VidShareClient client = server.client()) {
            ClientReply hello = client.hello("en");
            assertThat(hello.list("features")).as("features after %d cases", cases).isNotEmpty();
            Wire.assertCode(Wire.ping(client), "ok");
            // A name of its own per check: the last check may follow one at the same case count.
            String name = "check-" + ++checks;
            Wire.assertCode(TestServer.register(client, name, "user"), "ok");
            Wire.assertCode(client.login(name, TestServer.PASSWORD), "ok");
            assertThat(Wire.whoami(client).string("name")).isEqualTo(name);
            Wire.assertCode(client.call(Map.of("type", "get_movie_list")), "ok");
            Wire.assertCode(client.call(Map.of("type", "check_notice")), "ok");
        }
    }

    /** The accounts and movies the fuzzer plays with, made by correct clients. */
    private FrameFuzzer.World world() throws IOException {
        rescue = Admins.loggedIn(server, Admins.FIRST);
        accountIds.put(Admins.FIRST, WalletSupport.userId(rescue));
        try (VidShareClient admin = Admins.loggedIn(server, "fuzz-admin");
             VidShareClient user = server.loggedIn("fuzz-user", "user");
             VidShareClient victim = server.loggedIn("fuzz-victim", "user")) {
            accountIds.put("fuzz-admin", WalletSupport.userId(admin));
            accountIds.put("fuzz-user", WalletSupport.userId(user));
            Wire.assertCode(WalletSupport.grant(rescue, accountIds.get("fuzz-user"), 100_000), "ok");
            long victimId = WalletSupport.userId(victim);
            Path free = MovieFiles.random(files, "free.mp4", MOVIE_BYTES, 1);
            long freeId = MovieFiles.upload(rescue, free, true);
            long paidId = MovieFiles.upload(rescue, MovieFiles.random(files, "paid.mp4", MOVIE_BYTES, 2), false);
            Wire.assertCode(rescue.call(Map.of("type", "release_notice", "title", "hello", "content", "fuzz world")), "ok");
            return new FrameFuzzer.World(Passwords.md5Hex(TestServer.PASSWORD), "fuzz-victim", victimId,
                    accountIds.get("fuzz-user"), freeId, paidId, MOVIE_BYTES, Fingerprint.of(free), sessions);
        }
    }

    private static String hex(byte[] bytes) {
        String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 400));
        return bytes.length > 400 ? hex + "... (" + bytes.length + " bytes)" : hex;
    }

    /** One fuzzing connection: who it is logged in as (if anyone) and in which dialect. */
    private final class Actor {
        final String label;
        final String account;
        final boolean classic;
        VidShareClient client;
        String session;
        String previous = "none";

        Actor(String label, String account, boolean classic) {
            this.label = label;
            this.account = account;
            this.classic = classic;
        }

        /** A fresh connection (the old one closed), hello unless classic, logged in when it has an account. */
        void connect() throws IOException {
            if (client != null) {
                sessions.remove(session);
                client.close();
            }
            client = server.raw();
            client.setReadTimeout(15_000);
            session = null;
            if (!classic) {
                Wire.assertCode(client.hello("en"), "ok");
            }
            if (account != null) {
                ClientReply login = client.login(account, TestServer.PASSWORD);
                if (!login.ok()) {
                    // A fuzzed change_password (or a failure lock) got this account: the rescue admin repairs it.
                    long id = accountIds.get(account);
                    Wire.assertCode(rescue.call(Map.of("type", "reset_password", "user_id", id,
                            "new_password", Passwords.md5Hex(TestServer.PASSWORD))), "ok");
                    Wire.assertCode(rescue.call(Map.of("type", "unlock_user", "user_id", id)), "ok");
                    login = client.login(account, TestServer.PASSWORD);
                    assertThat(login.ok()).as("login of %s after the repair: %s", account, login).isTrue();
                }
                session = login.string("session");
                sessions.add(session);
            }
        }
    }
}
