package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;

/** upload_movie over the wire: streaming, resume, integrity, names, concurrency and the closing cases. */
class UploadMovieTest extends OneServerPerClass {
    private static final int SIZE = 200_000;

    @TempDir
    Path dir;

    @Test
    void uploadCutMidPayloadPublishesNothingAndResumesToAByteIdenticalFile() throws Exception {
        Path file = MovieFiles.random(dir, "cut.mp4", SIZE, 11);
        byte[] content = Files.readAllBytes(file);
        String fingerprint = Fingerprint.of(file);
        Map<String, Object> request = MovieFiles.uploadRequest(file, "cut.mp4", true);
        try (VidShareClient admin = Admins.loggedIn(server, "cutter");
             VidShareClient user = server.loggedIn("viewer", "user")) {
            try (VidShareClient dropped = Admins.loggedIn(server, "cutter")) {
                Uploads.sendPrefix(dropped, request, content, SIZE / 2);
            }
            Uploads.awaitOffset(admin, fingerprint, SIZE, SIZE / 2);
            assertThat(Uploads.listed(user, "cut.mp4")).isFalse();

            ClientReply resumed = Uploads.resume(admin, request, file, SIZE / 2);
            assertThat(resumed.ok()).as(resumed.toString()).isTrue();
            String sha256 = MovieFiles.sha256(file);
            assertThat(resumed.string("sha256")).isEqualTo(sha256);
            Path stored = MovieFiles.storedFileWithSha(server.dataDir(), sha256);
            assertThat(stored).isNotNull();
            assertThat(Files.mismatch(stored, file)).isEqualTo(-1);
            assertThat(Uploads.listed(user, "cut.mp4")).isTrue();
            assertThat(partials()).noneMatch(p -> p.getFileName().toString().contains(fingerprint));
        }
    }

    @Test
    void resumeWithTheWrongOffsetIsBadRequestCarryingTheRightOneAndKeepsTheConnection() throws Exception {
        Path file = MovieFiles.random(dir, "offset.mp4", SIZE, 12);
        byte[] content = Files.readAllBytes(file);
        String fingerprint = Fingerprint.of(file);
        Map<String, Object> request = MovieFiles.uploadRequest(file, "offset.mp4", true);
        try (VidShareClient admin = Admins.loggedIn(server, "offsetter")) {
            try (VidShareClient dropped = Admins.loggedIn(server, "offsetter")) {
                Uploads.sendPrefix(dropped, request, content, 1000);
            }
            Uploads.awaitOffset(admin, fingerprint, SIZE, 1000);

            // Through resume's retry: until the server has run the dropped connection's close, its
            // lease holds the partial (conflict, checked before the offset).
            ClientReply reply = Uploads.resume(admin, request, file, 500);
            assertThat(reply.code()).isEqualTo("bad_request");
            assertThat(reply.number("offset")).isEqualTo(1000);
            assertThat(admin.call(Map.of("type", "ping")).ok()).isTrue();
            assertThat(Uploads.offset(admin, fingerprint, SIZE)).as("a refused resume leaves the partial alone").isEqualTo(1000);

            ClientReply resumed = Uploads.resume(admin, request, file, 1000);
            assertThat(resumed.ok()).as(resumed.toString()).isTrue();
        }
    }

    @Test
    void offsetZeroRestartsAndDropsThePartial() throws Exception {
        Path file = MovieFiles.random(dir, "restart.mp4", SIZE, 13);
        byte[] content = Files.readAllBytes(file);
        String fingerprint = Fingerprint.of(file);
        Map<String, Object> request = MovieFiles.uploadRequest(file, "restart.mp4", true);
        try (VidShareClient admin = Admins.loggedIn(server, "restarter")) {
            // The partial starts with garbage: only a restart from 0 can still produce the right file.
            byte[] garbage = content.clone();
            Arrays.fill(garbage, 0, 5000, (byte) 7);
            try (VidShareClient dropped = Admins.loggedIn(server, "restarter")) {
                Uploads.sendPrefix(dropped, request, garbage, 5000);
            }
            Uploads.awaitOffset(admin, fingerprint, SIZE, 5000);
            ClientReply restarted = Uploads.resume(admin, request, file, 0);
            assertThat(restarted.ok()).as(restarted.toString()).isTrue();
            assertThat(restarted.string("sha256")).isEqualTo(MovieFiles.sha256(file));
        }
    }

    @Test
    void wrongFingerprintIsIntegrityAndPublishesNothing() throws Exception {
        Path file = MovieFiles.random(dir, "liar.mp4", SIZE, 14);
        Path other = MovieFiles.random(dir, "other.mp4", SIZE, 15);
        Map<String, Object> request = MovieFiles.uploadRequest(file, "liar.mp4", true);
        String otherFingerprint = Fingerprint.of(other);
        request.put("file_md5", otherFingerprint);
        try (VidShareClient admin = Admins.loggedIn(server, "liar");
             VidShareClient user = server.loggedIn("viewer", "user")) {
            ClientReply reply = admin.upload(request, file, TransferListener.NONE);
            assertThat(reply.code()).isEqualTo("integrity");
            assertThat(reply.ok()).isFalse();
            assertThat(Uploads.listed(user, "liar.mp4")).isFalse();
            assertThat(Uploads.offset(admin, Fingerprint.of(other), SIZE)).as("the partial is deleted").isZero();
            assertThat(partials()).noneMatch(p -> p.getFileName().toString().contains(otherFingerprint));
            assertThat(MovieFiles.storedFileWithSha(server.dataDir(), MovieFiles.sha256(file))).isNull();
            assertThat(admin.call(Map.of("type", "ping")).ok()).isTrue();
        }
    }

    @Test
    void wrongSha256IsIntegrityAndTheRightOneIsAccepted() throws Exception {
        Path file = MovieFiles.random(dir, "sha.mp4", SIZE, 16);
        Map<String, Object> request = MovieFiles.uploadRequest(file, "sha.mp4", true);
        try (VidShareClient admin = Admins.loggedIn(server, "hasher");
             VidShareClient user = server.loggedIn("viewer", "user")) {
            request.put("sha256", "0".repeat(64));
            ClientReply wrong = admin.upload(request, file, TransferListener.NONE);
            assertThat(wrong.code()).isEqualTo("integrity");
            assertThat(Uploads.listed(user, "sha.mp4")).isFalse();
            assertThat(MovieFiles.storedFileWithSha(server.dataDir(), MovieFiles.sha256(file))).isNull();

            request.put("sha256", MovieFiles.sha256(file).toUpperCase());
            ClientReply right = admin.upload(request, file, TransferListener.NONE);
            assertThat(right.ok()).as(right.toString()).isTrue();
            assertThat(right.string("sha256")).isEqualTo(MovieFiles.sha256(file));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "..", "a/b.mp4", "/abs.mp4", "a\\b.mp4", "tab\there.mp4", "nul\u0000.mp4",
            "bell\u0007.mp4", "del\u007f.mp4", "TOO_LONG"})
    void badFileNamesAreBadRequestAfterThePayloadIsDiscarded(String name) throws Exception {
        String fileName = name.equals("TOO_LONG") ? "片".repeat(86) : name; // 86 * 3 = 258 UTF-8 bytes
        Path file = MovieFiles.random(dir, "named.mp4", 50_000, 17);
        Map<String, Object> request = MovieFiles.uploadRequest(file, fileName, true);
        try (VidShareClient admin = Admins.loggedIn(server, "namer")) {
            ClientReply reply = admin.upload(request, file, TransferListener.NONE);
            assertThat(reply.code()).isEqualTo("bad_request");
            assertThat(reply.msg()).contains("file_name");
            assertThat(admin.call(Map.of("type", "ping")).ok()).as("the connection stays in sync").isTrue();
        }
    }

    @Test
    void theLongestNameThatFitsIsAccepted() throws Exception {
        String name = "片".repeat(85); // 255 UTF-8 bytes
        Path file = MovieFiles.random(dir, "long.mp4", 50_000, 18);
        try (VidShareClient admin = Admins.loggedIn(server, "namer");
             VidShareClient user = server.loggedIn("viewer", "user")) {
            ClientReply reply = admin.upload(MovieFiles.uploadRequest(file, name, true), file, TransferListener.NONE);
            assertThat(reply.ok()).as(reply.toString()).isTrue();
            assertThat(Uploads.listed(user, name)).isTrue();
        }
    }

    @Test
    void zeroFileSizeIsBadRequestAndKeepsTheConnection() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, "sizer")) {
            Map<String, Object> request = new LinkedHashMap<>(Map.of("type", "upload_movie", "file_name", "empty.mp4",
                    "file_size", 0, "file_md5", Fingerprint.of(new byte[0]), "is_free", 1));
            ClientReply reply = admin.call(request);
            assertThat(reply.code()).isEqualTo("bad_request");
            assertThat(admin.call(Map.of("type", "ping")).ok()).isTrue();
        }
    }

    @Test
    void negativeFileSizeIsBadRequestAndClosesTheConnection() throws Exception {
        assertRefusedAndClosed(Map.of("type", "upload_movie", "file_name", "neg.mp4",
                "file_size", -5, "file_md5", "0".repeat(32), "is_free", 1), "bad_request");
    }

    @Test
    void aFileSizeOrOffsetThatIsNoIntegerIsBadRequestAndClosesTheConnection() throws Exception {
        // The payload length is unknown: no way to stay in sync.
        assertRefusedAndClosed(Map.of("type", "upload_movie", "file_name", "s.mp4",
                "file_size", "1000", "file_md5", "0".repeat(32), "is_free", 1), "bad_request");
        assertRefusedAndClosed(Map.of("type", "upload_movie", "file_name", "s.mp4",
                "file_size", 1000, "offset", 1.5, "file_md5", "0".repeat(32), "is_free", 1), "bad_request");
    }

    @Test
    void offsetBeyondFileSizeIsBadRequestAndClosesTheConnection() throws Exception {
        assertRefusedAndClosed(Map.of("type", "upload_movie", "file_name", "o.mp4",
                "file_size", 10, "offset", 11, "file_md5", "0".repeat(32), "is_free", 1), "bad_request");
    }

    @Test
    void fileSizeOverTheLimitIsTooLargeAndClosesTheConnection() throws Exception {
        assertRefusedAndClosed(Map.of("type", "upload_movie", "file_name", "huge.mp4",
                "file_size", 68_719_476_737L, "file_md5", "0".repeat(32), "is_free", 1), "too_large");
    }

    @Test
    void fileSizeOverTheFreeDiskIsTooLargeAndClosesTheConnection() throws Exception {
        long tooMuch = Files.getFileStore(server.dataDir()).getUsableSpace() + (1L << 30);
        TestServer roomy = TestServer.start(Map.of("upload.max-bytes", Long.toString(Long.MAX_VALUE)));
        try (VidShareClient admin = Admins.loggedIn(roomy, "sizer")) {
            ClientReply reply = admin.call(Map.of("type", "upload_movie", "file_name", "huge.mp4",
                    "file_size", tooMuch, "file_md5", "0".repeat(32), "is_free", 1));
            assertThat(reply.code()).isEqualTo("too_large");
            assertThat(reply.msg()).contains("disk");
            assertThat(admin.isClosedByPeer(5000)).isTrue();
        } finally {
            roomy.closeAndDelete();
        }
    }

    @Test
    void aStalledPayloadClosesTheConnectionAndKeepsThePartial() throws Exception {
        TestServer impatient = TestServer.start(Map.of("upload.stall-timeout-seconds", "1"));
        try (VidShareClient admin = Admins.loggedIn(impatient, "staller");
             VidShareClient stalled = Admins.loggedIn(impatient, "staller")) {
            Path file = MovieFiles.random(dir, "stall.mp4", SIZE, 19);
            String fingerprint = Fingerprint.of(file);
            Uploads.sendPrefix(stalled, MovieFiles.uploadRequest(file, "stall.mp4", true), Files.readAllBytes(file), 7000);
            assertThat(stalled.isClosedByPeer(10_000)).as("closed after the stall timeout").isTrue();
            Uploads.awaitOffset(admin, fingerprint, SIZE, 7000);
            assertThat(admin.call(Map.of("type", "ping")).ok()).as("an idle connection is not a stalled one").isTrue();
        } finally {
            impatient.closeAndDelete();
        }
    }

    @Test
    void aSecondWriterOfTheSamePartialGetsConflictAfterItsPayloadIsDiscarded() throws Exception {
        Path file = MovieFiles.random(dir, "twice.mp4", SIZE, 20);
        byte[] content = Files.readAllBytes(file);
        String fingerprint = Fingerprint.of(file);
        Map<String, Object> request = MovieFiles.uploadRequest(file, "twice.mp4", true);
        try (VidShareClient first = Admins.loggedIn(server, "writer");
             VidShareClient second = Admins.loggedIn(server, "writer");
             VidShareClient observer = Admins.loggedIn(server, "writer")) {
            Uploads.sendPrefix(first, request, content, 4000);
            Uploads.awaitOffset(observer, fingerprint, SIZE, 4000);

            ClientReply refused = second.upload(request, file, TransferListener.NONE);
            assertThat(refused.code()).isEqualTo("conflict");
            assertThat(refused.has("movie_id")).isFalse();
            assertThat(second.call(Map.of("type", "ping")).ok()).as("the connection stays in sync").isTrue();
            assertThat(Uploads.offset(observer, fingerprint, SIZE)).as("the first writer's bytes are untouched").isEqualTo(4000);

            first.sendRaw(Arrays.copyOfRange(content, 4000, SIZE));
            ClientReply finished = first.readReply();
            assertThat(finished.ok()).as(finished.toString()).isTrue();
            assertThat(finished.string("sha256")).isEqualTo(MovieFiles.sha256(file));
        }
    }

    @Test
    void twoAdminsFinishingTheSameContentMakeOneMovie() throws Exception {
        Path file = MovieFiles.random(dir, "same.mp4", SIZE, 21);
        byte[] content = Files.readAllBytes(file);
        String fingerprint = Fingerprint.of(file);
        try (VidShareClient one = Admins.loggedIn(server, "first-admin");
             VidShareClient two = Admins.loggedIn(server, "second-admin");
             VidShareClient user = server.loggedIn("viewer", "user")) {
            // Both hold everything but the last byte, so both pass the check at request time.
            Uploads.sendPrefix(one, MovieFiles.uploadRequest(file, "same-1.mp4", true), content, SIZE - 1);
            Uploads.sendPrefix(two, MovieFiles.uploadRequest(file, "same-2.mp4", true), content, SIZE - 1);
            try (VidShareClient watchOne = Admins.loggedIn(server, "first-admin");
                 VidShareClient watchTwo = Admins.loggedIn(server, "second-admin")) {
                Uploads.awaitOffset(watchOne, fingerprint, SIZE, SIZE - 1);
                Uploads.awaitOffset(watchTwo, fingerprint, SIZE, SIZE - 1);
            }
            byte[] last = {content[SIZE - 1]};
            one.sendRaw(last);
            two.sendRaw(last);
            ClientReply a = one.readReply();
            ClientReply b = two.readReply();

            ClientReply winner = a.ok() ? a : b;
            ClientReply loser = a.ok() ? b : a;
            assertThat(winner.ok()).as(a + " / " + b).isTrue();
            assertThat(loser.code()).isEqualTo("conflict");
            assertThat(loser.number("movie_id")).isEqualTo(winner.number("movie_id"));
            ClientReply list = user.call(Map.of("type", "get_movie_list", "query", "same-"));
            assertThat(list.number("total")).isEqualTo(1);
            try (var stored = Files.list(server.dataDir().resolve("movies"))) {
                String sha256 = MovieFiles.sha256(file);
                assertThat(stored.filter(p -> MovieFiles.sha256Unchecked(p).equals(sha256)).count()).isEqualTo(1);
            }
            assertThat(partials()).noneMatch(p -> p.getFileName().toString().contains(fingerprint));
        }
    }

    @Test
    void uploadingPublishedContentIsConflictWithItsMovieIdAfterThePayloadIsDiscarded() throws Exception {
        Path file = MovieFiles.random(dir, "dup.mp4", SIZE, 27);
        try (VidShareClient admin = Admins.loggedIn(server, "duplicator");
             VidShareClient user = server.loggedIn("viewer", "user")) {
            ClientReply first = admin.upload(MovieFiles.uploadRequest(file, "dup-1.mp4", true), file, TransferListener.NONE);
            assertThat(first.ok()).as(first.toString()).isTrue();
            ClientReply second = admin.upload(MovieFiles.uploadRequest(file, "dup-2.mp4", false), file, TransferListener.NONE);
            assertThat(second.code()).isEqualTo("conflict");
            assertThat(second.number("movie_id")).isEqualTo(first.number("movie_id"));
            assertThat(admin.call(Map.of("type", "ping")).ok()).as("the connection stays in sync").isTrue();
            assertThat(Uploads.listed(user, "dup-2.mp4")).isFalse();
        }
    }

    @Test
    void moreConcurrentUploadsThanAllowedAreTooManyRequests() throws Exception {
        Path a = MovieFiles.random(dir, "a.mp4", SIZE, 22);
        Path b = MovieFiles.random(dir, "b.mp4", SIZE, 23);
        Path c = MovieFiles.random(dir, "c.mp4", SIZE, 24);
        try (VidShareClient one = Admins.loggedIn(server, "busy");
             VidShareClient two = Admins.loggedIn(server, "busy");
             VidShareClient three = Admins.loggedIn(server, "busy")) {
            Uploads.sendPrefix(one, MovieFiles.uploadRequest(a, "a.mp4", true), Files.readAllBytes(a), 100);
            Uploads.sendPrefix(two, MovieFiles.uploadRequest(b, "b.mp4", true), Files.readAllBytes(b), 100);
            Uploads.awaitOffset(three, Fingerprint.of(a), SIZE, 100);
            Uploads.awaitOffset(three, Fingerprint.of(b), SIZE, 100);

            ClientReply refused = three.upload(MovieFiles.uploadRequest(c, "c.mp4", true), c, TransferListener.NONE);
            assertThat(refused.code()).isEqualTo("too_many_requests");
            assertThat(three.call(Map.of("type", "ping")).ok()).isTrue();

            one.sendRaw(Arrays.copyOfRange(Files.readAllBytes(a), 100, SIZE));
            assertThat(one.readReply().ok()).isTrue();
            ClientReply allowed = three.upload(MovieFiles.uploadRequest(c, "c.mp4", true), c, TransferListener.NONE);
            assertThat(allowed.ok()).as("a finished upload frees its slot: " + allowed).isTrue();
        }
    }

    @Test
    void aUserCannotUploadAndTheConnectionStaysInSync() throws Exception {
        Path file = MovieFiles.random(dir, "user.mp4", 50_000, 25);
        try (VidShareClient user = server.loggedIn("viewer", "user")) {
            ClientReply reply = user.upload(MovieFiles.uploadRequest(file, "user.mp4", true), file, TransferListener.NONE);
            assertThat(reply.code()).isEqualTo("forbidden");
            assertThat(user.call(Map.of("type", "ping")).ok()).isTrue();
            assertThat(Uploads.listed(user, "user.mp4")).isFalse();
        }
        try (VidShareClient anonymous = server.client()) {
            ClientReply reply = anonymous.upload(MovieFiles.uploadRequest(file, "user.mp4", true), file, TransferListener.NONE);
            assertThat(reply.code()).isEqualTo("not_logged_in");
            assertThat(anonymous.call(Map.of("type", "ping")).ok()).isTrue();
        }
    }

    @Test
    void partialsOlderThanTheTtlAreSwept() throws Exception {
        Path file = MovieFiles.random(dir, "old.mp4", SIZE, 26);
        String fingerprint = Fingerprint.of(file);
        try (VidShareClient admin = Admins.loggedIn(server, "sweeper")) {
            try (VidShareClient dropped = Admins.loggedIn(server, "sweeper")) {
                Uploads.sendPrefix(dropped, MovieFiles.uploadRequest(file, "old.mp4", true), Files.readAllBytes(file), 3000);
            }
            Uploads.awaitOffset(admin, fingerprint, SIZE, 3000);
            Path partial = partials().stream().filter(p -> p.getFileName().toString().contains(fingerprint))
                    .findFirst().orElseThrow();
            // Age it past the default 24 hours instead of waiting a day.
            Files.setLastModifiedTime(partial, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
            assertThat(Uploads.offset(admin, fingerprint, SIZE)).isZero();
            assertThat(partial).doesNotExist();
        }
    }

    private static java.util.List<Path> partials() throws Exception {
        try (var files = Files.list(server.dataDir().resolve("partials"))) {
            return files.toList();
        }
    }

    /** A fresh admin connection sends {@code header}: the reply is {@code code}, then the server closes it. */
    private static void assertRefusedAndClosed(Map<String, Object> header, String code) throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, "sizer")) {
            ClientReply reply = admin.call(header);
            assertThat(reply.code()).isEqualTo(code);
            assertThat(admin.isClosedByPeer(5000)).as("closed after the %s reply", code).isTrue();
        }
    }
}
