/** The {@code check_notice} command. */
module org.vidshare.plugin.checknotice {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.checknotice.CheckNoticeHandler;
}
