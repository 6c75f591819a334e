/** The {@code reset_password} command (admin). */
module org.vidshare.plugin.resetpassword {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.resetpassword.ResetPasswordHandler;
}
