/** The {@code backup} command (admin): an online copy of the H2 database and the movie files. */
module org.vidshare.plugin.backup {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.backup.BackupHandler;
}
