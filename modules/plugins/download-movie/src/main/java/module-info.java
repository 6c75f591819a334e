/** The {@code download_movie} command. */
module org.vidshare.plugin.downloadmovie {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.downloadmovie.DownloadMovieHandler;
}
