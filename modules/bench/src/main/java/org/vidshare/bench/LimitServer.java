package org.vidshare.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.vidshare.core.codec.FrameCodecFactory;
import org.vidshare.core.codec.FrameReader;
import org.vidshare.core.codec.PayloadBuffers;
import org.vidshare.core.codec.PayloadRules;
import org.vidshare.core.codec.ReadHolds;
import org.vidshare.core.protocol.Frames;

/**
 * The request benchmark's limit: the least a server on the VidShare codec can do per request. The
 * same MINA acceptor settings and the same codec (one frame at a time, {@link PayloadRules#NONE}),
 * and every frame answered with one constant reply on the I/O thread: no worker pool, no dialect,
 * no session, no log line, no database. Runs as a child JVM, as the real server does.
 */
public final class LimitServer {
    static final Map<String, Object> REPLY = Map.of("flag", true, "code", "ok", "msg", "pong");

    private LimitServer() {
    }

    /** Starts it as a child JVM on this benchmark's module path. */
    static ChildServer start(String heap) throws IOException {
        return ChildServer.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-p", System.getProperty("jdk.module.path"),
                "-m", "org.vidshare.bench/" + LimitServer.class.getName()));
    }

    public static void main(String[] args) throws IOException {
        NioSocketAcceptor acceptor = new NioSocketAcceptor();
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(1024);
        acceptor.getFilterChain().addLast("codec", new ProtocolCodecFilter(new FrameCodecFactory(
                Frames.DEFAULT_MAX_HEADER_BYTES, 0, PayloadRules.NONE, Runnable::run, new PayloadBuffers(0),
                new ReadHolds())));
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void messageReceived(IoSession session, Object message) {
                // The codec reads the next frame only once the reply is written, as in the server.
                session.write(REPLY).addListener(written -> FrameReader.of(session).next());
            }
        });
        acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
        System.out.println("limit server (constant reply): VidShare listening on 127.0.0.1:"
                + ((InetSocketAddress) acceptor.getLocalAddress()).getPort());
    }
}
