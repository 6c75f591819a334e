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
            digest(client, "digest_bytes", bytes);
            // Every payload byte was the plugin's: the next request is read as a request.
            assertThat(Wire.ping(client).ok()).isTrue();
        } finally {
            server.close();
        }
    }

    /**
     * A sink that pauses its payload's reads (its disk is behind) is not a stalled client: the
     * upload stall timeout (here 1 s) does not cut the connection while the server itself holds
     * the bytes back, and the payload completes once the sink resumes (2.5 s later).
     */
    @Test
    void aPayloadTheSinkPausedOutlastsTheStallTimeoutAndCompletes() throws Exception {
        Path dataDir = dir.resolve("paused");
        digestPlugin(dir.resolve("build-paused"), dataDir.resolve("plugins/digest.jar"));
        byte[] bytes = new byte[8 * 1024 * 1024];
        new Random(9).nextBytes(bytes);

        TestServer server = TestServer.startIn(dataDir, Map.of("upload.stall-timeout-seconds", "1"));
        try (VidShareClient client = server.client()) {
            client.hello("en");
            client.setReadTimeout(30_000);
            ClientReply reply = digest(client, "paused_digest", bytes);
            assertThat(reply.number("paused_millis")).as("how long the sink held the reads").isGreaterThanOrEqualTo(2_500);
            assertThat(Wire.ping(client).ok()).isTrue();
        } finally {
            server.close();
        }
    }

    /** Sends {@code bytes} to the digest command {@code type}; checks that its reply counts and hashes all of them. */
    private static ClientReply digest(VidShareClient client, String type, byte[] bytes) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", type);
        request.put("size", bytes.length);
        client.sendWithPayload(request, bytes);
        ClientReply reply = client.readReply();
        assertThat(reply.ok()).as(reply.toString()).isTrue();
        assertThat(reply.number("bytes")).isEqualTo(bytes.length);
        assertThat(reply.string("sha256"))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        return reply;
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

    /**
     * Three commands: digest_bytes takes {@code size} bytes and hashes them; paused_digest does the
     * same but pauses the reads at the first chunk for 2.5 s; sneaky_file replies with a file it
     * never declared.
     */
    private static void digestPlugin(Path work, Path jar) throws Exception {
        PluginJars.build(work, jar, List.of(), Map.of(
                "module-info.java", """
                module org.example.digest {
                    requires org.vidshare.core;
                    provides org.vidshare.core.spi.CommandHandler
                            with org.example.digest.DigestBytesHandler, org.example.digest.PausedDigestHandler,
                                 org.example.digest.SneakyFileHandler;
                }
                """,
                "org/example/digest/DigestHandler.java", """
                package org.example.digest;

                import java.nio.ByteBuffer;
                import java.security.MessageDigest;
                import java.security.NoSuchAlgorithmException;
                import java.util.HexFormat;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.TimeUnit;
                import org.vidshare.core.spi.*;

                /** Takes {@code size} bytes and hashes them; pauses the reads for pauseMillis at the first chunk. */
                abstract class DigestHandler implements CommandHandler {
                    private final String name;
                    private final long pauseMillis;

                    DigestHandler(String name, long pauseMillis) {
                        this.name = name;
                        this.pauseMillis = pauseMillis;
                    }

                    @Override
                    public CommandSpec spec() {
                        return CommandSpec.builder(name, Audience.PUBLIC).label("摘要", "Digest")
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
                        IncomingPayload payload = context.payload();
                        long[] count = {0};
                        long[] pausedAt = {0};
                        long[] resumedAt = {0};
                        PayloadSink sink = (ByteBuffer chunk) -> {
                            count[0] += chunk.remaining();
                            sha256.update(chunk);
                            if (pauseMillis > 0 && pausedAt[0] == 0) {
                                pausedAt[0] = System.nanoTime();
                                payload.pause();
                                CompletableFuture.delayedExecutor(pauseMillis, TimeUnit.MILLISECONDS).execute(() -> {
                                    resumedAt[0] = System.nanoTime();
                                    payload.resume();
                                });
                            }
                        };
                        return Reply.later(payload.receiveInto(sink).thenApply(done -> Reply.ok("好", "Done")
                                .put("bytes", count[0]).put("sha256", HexFormat.of().formatHex(sha256.digest()))
                                .put("paused_millis", (resumedAt[0] - pausedAt[0]) / 1_000_000)));
                    }
                }
                """,
                "org/example/digest/DigestBytesHandler.java", """
                package org.example.digest;

                public final class DigestBytesHandler extends DigestHandler {
                    public DigestBytesHandler() {
                        super("digest_bytes", 0);
                    }
                }
                """,
                "org/example/digest/PausedDigestHandler.java", """
                package org.example.digest;

                public final class PausedDigestHandler extends DigestHandler {
                    public PausedDigestHandler() {
                        super("paused_digest", 2_500);
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
