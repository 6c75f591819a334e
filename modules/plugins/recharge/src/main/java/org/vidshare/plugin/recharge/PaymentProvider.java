package org.vidshare.plugin.recharge;

import org.vidshare.core.spi.CommandException;

/**
 * Where recharge money comes from. The bundled {@code demo} approves at once; a real gateway plugs
 * in behind the same interface. The provider is asked before the wallet row is locked, so a slow
 * gateway never holds up the user's other purchases.
 */
public interface PaymentProvider {
    /** The value of {@code wallet.payment-provider} that selects this provider. */
    String name();

    /**
     * Takes {@code amountCents} from the user's payment method, or throws the reason it may not.
     *
     * @return the provider's reference of the approved payment, for the log
     */
    String approve(long userId, long amountCents) throws CommandException;
}
