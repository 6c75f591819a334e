package org.vidshare.e2e;

import static org.vidshare.e2e.Wire.assertCode;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.core.client.VidShareClient;
import org.vidshare.core.protocol.Frames;
import org.vidshare.core.protocol.Json;

/**
 * The faults {@link ProtocolFuzzTest} found, each pinned down by a plain case, so that they stay
 * fixed whatever seed a later fuzz run draws.
 */
class FuzzRegressionTest {
    private static TestServer server;

    @TempDir
    static Path files;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void aRequestRightBehindAnUploadPayloadInTheSameWriteIsAnswered() throws Exception {
        try (VidShareClient user = server.loggedIn("pipeliner", "user")) {
            Map<String, Object> upload = new LinkedHashMap<>();
            upload.put("type", "upload_movie");
            upload.put("session", user.session());
            upload.put("file_name", "x.mp4");
            upload.put("file_size", 11);
            upload.put("file_md5", "0".repeat(32));
            upload.put("is_free", 1);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(Frames.frame(Json.toBytes(upload)));
            bytes.writeBytes(new byte[11]);
            bytes.writeBytes(Frames.frame(Json.toBytes(Map.of("type", "ping"))));
            // The same again, behind a refused request of another kind: an unknown type with a payload.
            upload.put("type", "upload");
            bytes.writeBytes(Frames.frame(Json.toBytes(upload)));
            bytes.writeBytes(new byte[11]);
            bytes.writeBytes(Frames.frame(Json.toBytes(Map.of("type", "whoami", "session", user.session()))));
            user.sendRaw(bytes.toByteArray());

            assertCode(user.readReply(), "forbidden");
            assertCode(user.readReply(), "ok");
            assertCode(user.readReply(), "unknown_type");
            assertCode(user.readReply(), "ok");
        }
    }

    @Test
    void anIntegerBeyond64BitsIsNotASmallOne() throws Exception {
        // asLong() of 2^64 + 1 is 1: as a flag or a protocol version it must be refused, not read as 1.
        String twoTo64Plus1 = "18446744073709551617";
        try (VidShareClient client = server.raw()) {
            client.sendRaw(Frames.frame(("{\"type\":\"hello\",\"protocol\":" + twoTo64Plus1 + "}").getBytes()));
            assertCode(client.readReply(), "bad_request");
        }
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            Path file = MovieFiles.random(files, "flag.mp4", 64, 3);
            Map<String, Object> upload = new LinkedHashMap<>(MovieFiles.uploadRequest(file, "flag.mp4", true));
            upload.put("is_free", new java.math.BigInteger(twoTo64Plus1));
            assertCode(admin.upload(upload, file, org.vidshare.core.client.TransferListener.NONE), "bad_request");
            assertCode(Wire.ping(admin), "ok");
        }
    }
}
