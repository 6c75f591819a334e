/** The {@code get_thumbnail} command: a movie's poster JPEG as a reply payload. */
module org.vidshare.plugin.getthumbnail {
    requires org.vidshare.core;
    requires org.vidshare.domain;
    requires org.vidshare.media;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.getthumbnail.GetThumbnailHandler;
}
