package org.vidshare.e2e;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/** Downloads for the tests: the request, and a download timed to its reply and first byte. */
final class DownloadSupport {
    private DownloadSupport() {
    }

    static Map<String, Object> request(long movieId, long offset) {
        return Map.of("type", "download_movie", "movie_id", movieId, "offset", offset);
    }

    /** A download with its timing: when the reply came and when the first payload byte did. */
    record Timed(ClientReply reply, long replyMillis, long firstByteMillis) {
    }

    /**
     * Downloads into {@code target} (written from the reply's offset), timing the reply and the
     * first payload byte from the moment the request is sent.
     */
    static Timed timedDownload(VidShareClient client, Map<String, ?> request, Path target) throws IOException {
        long start = System.nanoTime();
        ClientReply reply = client.call(request);
        long replyAt = System.nanoTime();
        if (!reply.ok()) {
            return new Timed(reply, millis(replyAt - start), -1);
        }
        long offset = reply.number("offset");
        long total = reply.number("file_size") - offset;
        long firstByteAt = -1;
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(offset);
            if (total > 0) {
                int first = client.rawInput().read();
                firstByteAt = System.nanoTime();
                if (first < 0) {
                    throw new IOException("connection closed before the payload");
                }
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) first}), offset);
                client.receivePayload(channel, offset + 1, total - 1, TransferListener.NONE);
            }
        }
        return new Timed(reply, millis(replyAt - start), firstByteAt < 0 ? -1 : millis(firstByteAt - start));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
