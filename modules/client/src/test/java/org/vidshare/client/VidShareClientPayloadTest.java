package org.vidshare.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.core.protocol.Frames;

/**
 * A download payload on a plain connection goes socket → direct buffer → file (not through the
 * reply stream): the bytes that came with the reply, the read timeout and a cancel from another
 * thread must all still work. The peer is a raw loopback socket that sends exactly what each
 * case needs.
 */
class VidShareClientPayloadTest {
    @TempDir
    Path dir;

    private static byte[] downloadReply(long size) {
        return Frames.frame(("{\"flag\":true,\"code\":\"ok\",\"msg\":\"ok\",\"offset\":0,\"file_size\":" + size + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the request, then sends {@code first} in one write (reply and payload start together), then {@code rest}. */
    private static CompletableFuture<Void> peer(ServerSocket listener, byte[] first, byte[] rest, CountDownLatch release) {
        return CompletableFuture.runAsync(() -> {
            try (Socket socket = listener.accept()) {
                socket.getInputStream().read(new byte[512]);
                OutputStream out = socket.getOutputStream();
                out.write(first);
                out.flush();
                release.await(30, TimeUnit.SECONDS);
                out.write(rest);
                out.flush();
                socket.getInputStream().read(); // until the client closes
            } catch (IOException e) {
                // the client hung up: expected in the failure cases
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static byte[] concat(byte[] a, byte[] b, int bFrom, int bTo) {
        byte[] all = new byte[a.length + bTo - bFrom];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, bFrom, all, a.length, bTo - bFrom);
        return all;
    }

    @Test
    void payloadBytesThatArriveWithTheReplyAndTheRestLandInTheFileInOrder() throws Exception {
        byte[] payload = new byte[3_000_000];
        new Random(7).nextBytes(payload);
        CountDownLatch release = new CountDownLatch(1);
        release.countDown();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // The reply and the first 10,000 payload bytes in one write: reading the reply buffers some of them.
            CompletableFuture<Void> server = peer(listener, concat(downloadReply(payload.length), payload, 0, 10_000),
                    java.util.Arrays.copyOfRange(payload, 10_000, payload.length), release);
            Path target = dir.resolve("movie.bin");
            AtomicLong calls = new AtomicLong();
            try (VidShareClient client = VidShareClient.connect("127.0.0.1", listener.getLocalPort())) {
                client.setReadTimeout(10_000);
                ClientReply reply = client.download(Map.of("type", "download_movie", "movie_id", 1), target,
                        (done, total) -> calls.incrementAndGet());
                assertThat(reply.ok()).isTrue();
            }
            assertThat(Files.readAllBytes(target)).isEqualTo(payload);
            assertThat(calls.get()).as("progress callbacks").isGreaterThanOrEqualTo(8);
            server.join();
        }
    }

    @Test
    void aPayloadThatStallsEndsWithTheReadTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> server = peer(listener, concat(downloadReply(1_000_000), new byte[1000], 0, 1000),
                    new byte[0], never);
            try (VidShareClient client = VidShareClient.connect("127.0.0.1", listener.getLocalPort())) {
                client.setReadTimeout(500);
                assertThatThrownBy(() -> client.download(Map.of("type", "download_movie", "movie_id", 1),
                        dir.resolve("stalled.bin"), TransferListener.NONE)).isInstanceOf(SocketTimeoutException.class);
            }
            never.countDown();
            server.join();
        }
        assertThat(Files.size(dir.resolve("stalled.bin"))).as("what did arrive stays for a resume").isEqualTo(1000);
    }

    @Test
    void closingTheClientFromAnotherThreadEndsAWaitingPayloadRead() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> server = peer(listener, downloadReply(1_000_000), new byte[0], never);
            VidShareClient client = VidShareClient.connect("127.0.0.1", listener.getLocalPort());
            client.setReadTimeout(0); // wait forever: only the cancel can end it
            ClientReply reply = client.call(Map.of("type", "download_movie", "movie_id", 1));
            assertThat(reply.ok()).isTrue();
            CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                    client.close();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (FileChannel file = FileChannel.open(dir.resolve("cancelled.bin"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                assertThatThrownBy(() -> client.receivePayload(file, 0, 1_000_000, TransferListener.NONE))
                        .isInstanceOf(IOException.class);
            }
            cancel.join();
            never.countDown();
            server.join();
        }
    }
}
