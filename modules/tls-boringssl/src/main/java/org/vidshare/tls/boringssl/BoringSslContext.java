package org.vidshare.tls.boringssl;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An SSLContext's insides over one netty {@link SslContext}: a server's when initialised with key
 * managers (VidShare's server passes its key and no trust), else a client's with the first trust
 * manager given (the JDK's default trust when none). The client's trust manager does its own host
 * check (the client library's), so the engine makes none, as the JDK's does not for a plain one.
 * The random source is BoringSSL's own. Engines are BoringSSL's; sockets, which VidShare itself never
 * makes (a caller of the client library might), are the JDK's, with the same keys and trust.
 */
final class BoringSslContext extends SSLContextSpi {
    /**
     * For the scratch buffers an engine wants when handed heap buffers (VidShare hands it direct ones
     * on its transfers): unpooled, so that no thread keeps an arena of native memory.
     */
    private static final ByteBufAllocator SCRATCH = UnpooledByteBufAllocator.DEFAULT;
    private volatile SslContext netty;
    /** The JDK's context with the same keys and trust, for sockets only. */
    private volatile SSLContext sockets;

    @Override
    protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) throws KeyManagementException {
        try {
            SSLContext jdk = SSLContext.getInstance("TLS");
            jdk.init(keys, trust, random);
            sockets = jdk;
        } catch (NoSuchAlgorithmException e) {
            throw new KeyManagementException(e);
        }
        try {
            SslContextBuilder builder = keys != null && keys.length > 0
                    ? SslContextBuilder.forServer(keys[0])
                    : SslContextBuilder.forClient().endpointIdentificationAlgorithm(null);
            if (trust != null && trust.length > 0) {
                builder.trustManager(trust[0]);
            }
            netty = builder.sslProvider(SslProvider.OPENSSL).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new KeyManagementException("BoringSSL refused the keys or trust: " + e.getMessage(), e);
        }
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return initialised().newEngine(SCRATCH);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return initialised().newEngine(SCRATCH, host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return initialised().isClient() ? null : netty.sessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return initialised().isClient() ? netty.sessionContext() : null;
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        SSLEngine engine = engineCreateSSLEngine();
        try {
            return engine.getSSLParameters();
        } finally {
            free(engine);
        }
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        SSLEngine engine = engineCreateSSLEngine();
        try {
            SSLParameters supported = engine.getSSLParameters();
            supported.setCipherSuites(engine.getSupportedCipherSuites());
            supported.setProtocols(engine.getSupportedProtocols());
            return supported;
        } finally {
            free(engine);
        }
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        initialised();
        return sockets.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        initialised();
        return sockets.getServerSocketFactory();
    }

    private SslContext initialised() {
        SslContext context = netty;
        if (context == null) {
            throw new IllegalStateException("the SSLContext is not initialised");
        }
        return context;
    }

    /** Closing both ways frees an engine's native state at once (else only when it is collected). */
    private static void free(SSLEngine engine) {
        engine.closeOutbound();
        try {
            engine.closeInbound();
        } catch (SSLException ignored) {
            // nothing was received: nothing to refuse
        }
    }
}
