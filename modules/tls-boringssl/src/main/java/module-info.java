/**
 * TLS on BoringSSL (netty-tcnative's engines), dropped in as a JCA provider of SSLContext "TLS"
 * behind core's TlsImplementation: the server and the client library pick it by
 * tls.implementation (auto: whenever it can run). Only engines are made; nothing else of netty
 * is used. The native library is this platform's jar (linux-x86_64); elsewhere the module says why
 * it cannot run and auto falls back to the JDK's TLS.
 */
module org.vidshare.tls.boringssl {
    requires org.vidshare.core;
    requires io.netty.handler;
    requires io.netty.buffer;
    requires io.netty.tcnative.classes.openssl;
    // The native library: resources only (META-INF/native), found once the module is resolved.
    requires io.netty.internal.tcnative.openssl.linux.x86_64;

    provides org.vidshare.core.tls.TlsImplementation with org.vidshare.tls.boringssl.BoringSslTls;
}
