/** The {@code change_password} command. */
module org.vidshare.plugin.changepassword {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.changepassword.ChangePasswordHandler;
}
