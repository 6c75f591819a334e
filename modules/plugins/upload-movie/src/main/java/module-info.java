/** The {@code upload_movie} command. */
module org.vidshare.plugin.uploadmovie {
    requires org.vidshare.core;
    requires org.vidshare.domain;
    // The type of the server's media facility (context.facility(MediaService.class)).
    requires org.vidshare.media;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.uploadmovie.UploadMovieHandler;
}
