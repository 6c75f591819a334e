package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;

/** check_movie: may this content be uploaded, and from which byte. */
class CheckMovieTest extends OneServerPerClass {
    private static final int SIZE = 120_000;

    @TempDir
    Path dir;

    @Test
    void newContentMayBeUploadedFromZero() throws Exception {
        Path file = MovieFiles.random(dir, "new.mp4", SIZE, 31);
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            ClientReply withSize = admin.call(Map.of("type", "check_movie", "file_md5", Fingerprint.of(file), "file_size", SIZE));
            assertThat(withSize.ok()).isTrue();
            assertThat(withSize.number("offset")).isZero();
            ClientReply classic = admin.call(Map.of("type", "check_movie", "file_md5", Fingerprint.of(file)));
            assertThat(classic.ok()).as("file_size is optional").isTrue();
            assertThat(classic.number("offset")).isZero();
        }
    }

    @Test
    void publishedContentIsConflictWithItsMovieIdUntilDeleted() throws Exception {
        Path file = MovieFiles.random(dir, "published.mp4", SIZE, 32);
        String fingerprint = Fingerprint.of(file);
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient other = Admins.loggedIn(server, "other-admin")) {
            long movieId = MovieFiles.upload(admin, file, "published.mp4", true);
            for (VidShareClient anyAdmin : new VidShareClient[] {admin, other}) {
                ClientReply check = anyAdmin.call(Map.of("type", "check_movie", "file_md5", fingerprint, "file_size", SIZE));
                assertThat(check.ok()).isFalse();
                assertThat(check.code()).isEqualTo("conflict");
                assertThat(check.number("movie_id")).isEqualTo(movieId);
            }
            // The fingerprint alone decides, whatever size the client claims.
            assertThat(admin.call(Map.of("type", "check_movie", "file_md5", fingerprint.toUpperCase())).code()).isEqualTo("conflict");

            assertThat(admin.call(Map.of("type", "delete_movie", "delete_movie_id", movieId)).ok()).isTrue();
            ClientReply afterDelete = admin.call(Map.of("type", "check_movie", "file_md5", fingerprint, "file_size", SIZE));
            assertThat(afterDelete.ok()).isTrue();
            assertThat(afterDelete.number("offset")).isZero();
        }
    }

    @Test
    void offsetIsThisAdminsOwnUnfinishedUploadOfTheSameFingerprintAndSize() throws Exception {
        Path file = MovieFiles.random(dir, "half.mp4", SIZE, 33);
        String fingerprint = Fingerprint.of(file);
        try (VidShareClient owner = Admins.loggedIn(server, "owner-admin");
             VidShareClient other = Admins.loggedIn(server, "stranger-admin")) {
            try (VidShareClient dropped = Admins.loggedIn(server, "owner-admin")) {
                Uploads.sendPrefix(dropped, MovieFiles.uploadRequest(file, "half.mp4", true), Files.readAllBytes(file), 40_000);
            }
            Uploads.awaitOffset(owner, fingerprint, SIZE, 40_000);
            assertThat(Uploads.offset(other, fingerprint, SIZE)).as("another admin's partial is not mine").isZero();
            assertThat(Uploads.offset(owner, fingerprint, SIZE + 1)).as("another size is another upload").isZero();
            ClientReply noSize = owner.call(Map.of("type", "check_movie", "file_md5", fingerprint));
            assertThat(noSize.number("offset")).as("classic clients cannot resume").isZero();
        }
    }

    @Test
    void badFingerprintsAndSizesAreBadRequest() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            assertThat(admin.call(Map.of("type", "check_movie")).code()).isEqualTo("bad_request");
            assertThat(admin.call(Map.of("type", "check_movie", "file_md5", "xyz")).code()).isEqualTo("bad_request");
            assertThat(admin.call(Map.of("type", "check_movie", "file_md5", "g".repeat(32))).code()).isEqualTo("bad_request");
            assertThat(admin.call(Map.of("type", "check_movie", "file_md5", "../../" + "a".repeat(26))).code()).isEqualTo("bad_request");
            assertThat(admin.call(Map.of("type", "check_movie", "file_md5", "a".repeat(32), "file_size", -1)).code())
                    .isEqualTo("bad_request");
            assertThat(admin.call(Map.of("type", "check_movie", "file_md5", "a".repeat(32), "file_size", "12")).code())
                    .isEqualTo("bad_request");
        }
    }

    @Test
    void onlyAdminsMayCheck() throws Exception {
        try (VidShareClient user = server.loggedIn("checker", "user");
             VidShareClient anonymous = server.client()) {
            assertThat(user.call(Map.of("type", "check_movie", "file_md5", "a".repeat(32))).code()).isEqualTo("forbidden");
            assertThat(anonymous.call(Map.of("type", "check_movie", "file_md5", "a".repeat(32))).code()).isEqualTo("not_logged_in");
        }
    }
}
