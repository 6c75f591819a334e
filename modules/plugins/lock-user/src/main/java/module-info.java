/** The {@code lock_user} command (admin). */
module org.vidshare.plugin.lockuser {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.lockuser.LockUserHandler;
}
