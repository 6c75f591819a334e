package org.vidshare.tls.boringssl;

import java.util.List;

/**
 * The JCA provider of one service, SSLContext "TLS", made without reflection (the service makes its
 * context itself, so that its class need not be exported). Never installed in {@code Security}:
 * contexts are asked of it by instance, so nothing else in the JVM picks it up unasked.
 */
final class BoringSslProvider extends java.security.Provider {
    private static final long serialVersionUID = 1L;
    static final String NAME = "VidShare-BoringSSL";

    BoringSslProvider(String libraryVersion) {
        super(NAME, "1.0", "SSLContext.TLS: " + libraryVersion + " engines (netty-tcnative), the JDK's sockets");
        putService(new Service(this, "SSLContext", "TLS", BoringSslContext.class.getName(), List.of(), null) {
            @Override
            public Object newInstance(Object constructorParameter) {
                return new BoringSslContext();
            }
        });
    }
}
