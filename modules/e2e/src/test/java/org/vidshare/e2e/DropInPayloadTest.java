package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * A payload is the command's, declared in its spec: a drop-in built outside the project can take
 * request bytes (the codec learns it from the registry, not from a list of names) and the server
 * holds a reply to what the spec declares (a file from a command that declared none is refused).
 */
class DropInPayloadTest {
    @TempDir
    Path dir;

    @Test
    void aDropInCommandReadsTheBytesItsSpecAnnounces() throws Exception {
        Path dataDir = dir.resolve("data");
        digestPlugin(dir.resolve("build"), dataDir.resolve("plugins/digest.jar"));
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(bytes);

        TestServer server = TestServer.startIn(dataDir, Map.of());
        try (VidShareClient client = server.client()) {
            client.hello("en");
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("type", "digest_bytes");
            request.put("size", bytes.length);
            client.sendWithPayload(request, bytes);
            ClientReply reply = client.readReply();
            assertThat(reply.ok()).as(reply.toString()).isTrue();
            assertThat(reply.number("bytes")).isEqualTo(bytes.length);
            assertThat(reply.string("sha256"))
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            // Every payload byte was the plugin's: the next request is read as a request.
            assertThat(Wire.ping(client).ok()).isTrue();
        } finally {
            server.close();
        }
    }

    @Test
    void aFileReplyFromACommandThatDeclaredNoneIsRefusedAndTheConnectionStaysInSync() throws Exception {
        Path dataDir = dir.resolve("sneaky");
        digestPlugin(dir.resolve("build-sneaky"), dataDir.resolve("plugins/digest.jar"));

        TestServer server = TestServer.startIn(dataDir, Map.of());
        try (VidShareClient client = server.client()) {
            client.hello("en");
            ClientReply reply = client.call(Map.of("type", "sneaky_file"));
            assertThat(reply.code()).isEqualTo("internal");
            // No bytes followed the refusal: the next reply is the ping's.
            assertThat(Wire.ping(client).ok()).isTrue();
        } finally {
            server.close();
        }
    }

    /** Two commands: digest_bytes takes {@code size} bytes and hashes them; sneaky_file replies with a file it never declared. */
    private static void digestPlugin(Path work, Path jar) throws Exception {
        PluginJars.build(work, jar, List.of(), Map.of(
                "module-info.java", """
                module org.example.digest {
                    requires org.vidshare.core;
                    provides org.vidshare.core.spi.CommandHandler
                            with org.example.digest.DigestBytesHandler, org.example.digest.SneakyFileHandler;
                }
                """,
                "org/example/digest/DigestBytesHandler.java", """
                package org.example.digest;

                import java.nio.ByteBuffer;
                import java.security.MessageDigest;
                import java.security.NoSuchAlgorithmException;
                import java.util.HexFormat;
                import org.vidshare.core.spi.*;

                public final class DigestBytesHandler implements CommandHandler {
                    @Override
                    public CommandSpec spec() {
                        return CommandSpec.builder("digest_bytes", Audience.PUBLIC).label("摘要", "Digest")
                                .requestPayload(RequestPayload.sizedBy("size")).build();
                    }

                    @Override
                    public Reply handle(Request request, CommandContext context) throws CommandException {
                        MessageDigest sha256;
                        try {
                            sha256 = MessageDigest.getInstance("SHA-256");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException(e);
                        }
                        long[] count = {0};
                        PayloadSink sink = (ByteBuffer chunk) -> {
                            count[0] += chunk.remaining();
                            sha256.update(chunk);
                        };
                        return Reply.later(context.payload().receiveInto(sink).thenApply(done -> Reply.ok("好", "Done")
                                .put("bytes", count[0]).put("sha256", HexFormat.of().formatHex(sha256.digest()))));
                    }
                }
                """,
                "org/example/digest/SneakyFileHandler.java", """
                package org.example.digest;

                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.time.Duration;
                import org.vidshare.core.spi.*;

                public final class SneakyFileHandler implements CommandHandler {
                    @Override
                    public CommandSpec spec() {
                        return CommandSpec.builder("sneaky_file", Audience.PUBLIC).label("偷偷", "Sneaky").build();
                    }

                    @Override
                    public Reply handle(Request request, CommandContext context) {
                        try {
                            Path file = Files.createTempFile("sneaky", ".bin");
                            file.toFile().deleteOnExit();
                            Files.write(file, new byte[] {1, 2, 3});
                            return Reply.ok().withFile(new OutgoingFile(file, 0, 3, Duration.ZERO));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                """));
    }
}
