/** The {@code list_users} command (admin). */
module org.vidshare.plugin.listusers {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.listusers.ListUsersHandler;
}
