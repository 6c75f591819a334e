/** The {@code upload_movie} command. */
module org.vidshare.plugin.uploadmovie {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.uploadmovie.UploadMovieHandler;
}
