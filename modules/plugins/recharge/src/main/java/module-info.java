/** The {@code recharge} command. */
module org.vidshare.plugin.recharge {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.recharge.RechargeHandler;
}
