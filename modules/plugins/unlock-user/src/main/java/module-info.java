/** The {@code unlock_user} command (admin). */
module org.vidshare.plugin.unlockuser {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.unlockuser.UnlockUserHandler;
}
