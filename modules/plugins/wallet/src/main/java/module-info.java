/** The {@code wallet} command. */
module org.vidshare.plugin.wallet {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.wallet.WalletHandler;
}
