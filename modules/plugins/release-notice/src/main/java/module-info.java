/** The {@code release_notice} command. */
module org.vidshare.plugin.releasenotice {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.releasenotice.ReleaseNoticeHandler;
}
