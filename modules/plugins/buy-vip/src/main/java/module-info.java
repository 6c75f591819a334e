/** The {@code buy_vip} command. */
module org.vidshare.plugin.buyvip {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.buyvip.BuyVipHandler;
}
