package org.vidshare.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.mina.core.service.IoService;
import org.vidshare.core.codec.PayloadBuffers;
import org.vidshare.core.codec.ReadHolds;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.server.net.Connection;
import org.vidshare.server.net.RequestObserver;

/**
 * Every metric of the server (docs/operations.md, Metrics), declared here once, in a registry of
 * this server's own (two servers in one JVM, as in tests, never share counts). Requests and failed
 * logins are counted as they happen; connections, sessions, transfers and socket bytes are read
 * from the acceptors at scrape time, so the request path pays nothing for them.
 *
 * <p>Label values come from closed sets, so a client cannot grow the number of series: a command
 * type the server does not know is {@code other}, and so is a code that is no {@link ErrorCode}.
 */
public final class ServerMetrics implements RequestObserver {
    static final String OTHER = "other";
    private static final Set<String> CODES = Stream.of(ErrorCode.values()).map(ErrorCode::wire)
            .collect(Collectors.toUnmodifiableSet());
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Predicate<String> knownType;
    private final Counter requests = Counter.builder().name("vidshare_requests")
            .help("Requests answered, by command type and reply code").labelNames("type", "code")
            .withoutExemplars().register(registry);
    private final Histogram latency = Histogram.builder().name("vidshare_request_duration_seconds")
            .help("Time from a request's frame to its reply, by command type (a download's bytes not included)")
            .labelNames("type").classicOnly().withoutExemplars().register(registry);
    private final Counter failedLogins = Counter.builder().name("vidshare_failed_logins")
            .help("Wrong passwords (login and change_password), as the login guard counts them")
            .withoutExemplars().register(registry);
    private final Histogram publishSync = Histogram.builder().name("vidshare_upload_publish_sync_seconds")
            .help("Time a publish waited for its movie's bytes and name to reach the disk (upload.sync-before-publish)")
            .classicOnly().withoutExemplars().register(registry);

    /** @param knownType whether a command type is one the server serves (its label then is the type itself) */
    public ServerMetrics(Predicate<String> knownType) {
        this.knownType = knownType;
        JvmMetrics.builder().register(registry);
    }

    @Override
    public void requestDone(String type, Object code, long nanos) {
        String typeLabel = type != null && knownType.test(type) ? type : OTHER;
        String codeLabel = code != null && CODES.contains(code.toString()) ? code.toString() : OTHER;
        requests.labelValues(typeLabel, codeLabel).inc();
        latency.labelValues(typeLabel).observe(nanos / NANOS_PER_SECOND);
    }

    /** One wrong password, as the login guard records it. */
    public void loginFailed() {
        failedLogins.inc();
    }

    /** One publish's wait for the disk (LocalMovieStorage). */
    public void publishSynced(long nanos) {
        publishSync.observe(nanos / NANOS_PER_SECOND);
    }

    /**
     * The figures read at scrape time: open connections and their transfers, live sessions, socket
     * bytes, transfer buffers, upload reads held back.
     */
    public void watch(List<? extends IoService> listeners, IntSupplier liveSessions, PayloadBuffers uploadBuffers,
                      PayloadBuffers downloadBuffers, ReadHolds readHolds) {
        GaugeWithCallback.builder().name("vidshare_connections").help("Open TCP connections (TLS included)")
                .callback(cb -> cb.call(listeners.stream().mapToInt(IoService::getManagedSessionCount).sum()))
                .register(registry);
        GaugeWithCallback.builder().name("vidshare_sessions").help("Live login sessions")
                .callback(cb -> cb.call(liveSessions.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("vidshare_transfers")
                .help("Connections by transfer state: receiving = uploads in flight, sending = downloads in flight,"
                        + " waiting = downloads waiting for their free-download turn")
                .labelNames("state")
                .callback(cb -> transfers(listeners).forEach((state, count) -> {
                    if (state != Connection.Transfer.NONE) {
                        cb.call(count, state.name().toLowerCase(java.util.Locale.ROOT));
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("vidshare_transfer_buffers")
                .help("The pooled direct buffers transfers move through: pool upload_read = upload bytes read or"
                        + " decrypted into (upload.read-buffers-mib), download_send = plain downloads' file reads"
                        + " (download.send-buffers-mib); state in_use = holding bytes of a transfer, free = kept for the next")
                .labelNames("pool", "state")
                .callback(cb -> {
                    cb.call(uploadBuffers.inUse(), "upload_read", "in_use");
                    cb.call(uploadBuffers.free(), "upload_read", "free");
                    cb.call(downloadBuffers.inUse(), "download_send", "in_use");
                    cb.call(downloadBuffers.free(), "download_send", "free");
                })
                .register(registry);
        CounterWithCallback.builder().name("vidshare_upload_reads_held_seconds")
                .help("Seconds upload reads were held back, summed over connections: reason hasher = the upload's"
                        + " hasher kept every buffer it may be lent (CPU), disk = the upload paused them while its"
                        + " disk was 64 MiB behind (upload.sync-before-publish)")
                .labelNames("reason")
                .callback(cb -> {
                    cb.call(readHolds.secondsForLentBuffers(), "hasher");
                    cb.call(readHolds.secondsPausedBySink(), "disk");
                })
                .register(registry);
        CounterWithCallback.builder().name("vidshare_received_bytes").help("Bytes read from client sockets")
                .callback(cb -> cb.call(listeners.stream().mapToLong(l -> l.getStatistics().getReadBytes()).sum()))
                .register(registry);
        CounterWithCallback.builder().name("vidshare_sent_bytes").help("Bytes written to client sockets")
                .callback(cb -> cb.call(listeners.stream().mapToLong(l -> l.getStatistics().getWrittenBytes()).sum()))
                .register(registry);
    }

    private static Map<Connection.Transfer, Long> transfers(List<? extends IoService> listeners) {
        Map<Connection.Transfer, Long> counts = new EnumMap<>(Connection.Transfer.class);
        for (Connection.Transfer state : Connection.Transfer.values()) {
            counts.put(state, 0L);
        }
        listeners.stream().flatMap(l -> l.getManagedSessions().values().stream())
                .map(Connection::transferOf)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .forEach(counts::put);
        return counts;
    }

    /** Serves {@code /metrics} on host:port (0 picks a free port) until closed. */
    public HTTPServer serve(String host, int port) throws IOException {
        return HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    }
}
