/** The {@code whoami} command. */
module org.vidshare.plugin.whoami {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.whoami.WhoamiHandler;
}
