package org.vidshare.core.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * The one rule for the order of suites, at both ends: the AES-128-GCM ones first, none added or
 * removed, the rest in their order. Why: on a transfer TLS is bound by the cipher, and AES-128-GCM
 * moves about 10-15% more bytes per core than AES-256-GCM, which the JDK lists first
 * (docs/benchmarks.md). TLS_AES_128_GCM_SHA256 is TLS 1.3's mandatory suite; a 128-bit AES key is
 * not the weak point of any suite offered here. The JDK's server honours its own order; BoringSSL's
 * honours it for TLS 1.2 and the client's for TLS 1.3, so the client library offers this order too.
 */
public final class CipherOrder {
    private CipherOrder() {
    }

    public static String[] aes128GcmFirst(String[] suites) {
        List<String> fast = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String suite : suites) {
            (suite.contains("_AES_128_GCM_") ? fast : rest).add(suite);
        }
        fast.addAll(rest);
        return fast.toArray(String[]::new);
    }
}
