package org.vidshare.plugin.recharge;

import java.util.UUID;

/** The demo gateway: approves every payment at once (no real money moves). */
final class DemoPaymentProvider implements PaymentProvider {
    static final String NAME = "demo";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String approve(long userId, long amountCents) {
        return "demo-" + UUID.randomUUID();
    }
}
