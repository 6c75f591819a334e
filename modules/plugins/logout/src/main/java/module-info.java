/** The {@code logout} command. */
module org.vidshare.plugin.logout {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.logout.LogoutHandler;
}
