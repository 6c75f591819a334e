/** The {@code login} command. */
module org.vidshare.plugin.login {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.login.LoginHandler;
}
