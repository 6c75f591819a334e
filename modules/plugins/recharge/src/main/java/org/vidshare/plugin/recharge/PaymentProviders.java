package org.vidshare.plugin.recharge;

import java.util.List;
import java.util.Optional;

/** The providers this plugin knows, by their configured name; {@code none} (or an unknown name) is none. */
final class PaymentProviders {
    private static final List<PaymentProvider> KNOWN = List.of(new DemoPaymentProvider());

    private PaymentProviders() {
    }

    static Optional<PaymentProvider> named(String name) {
        return KNOWN.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
