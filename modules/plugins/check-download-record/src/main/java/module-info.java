/** The {@code check_download_record} command. */
module org.vidshare.plugin.checkdownloadrecord {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.checkdownloadrecord.CheckDownloadRecordHandler;
}
