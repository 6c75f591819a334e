/** The {@code delete_movie} command. */
module org.vidshare.plugin.deletemovie {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.deletemovie.DeleteMovieHandler;
}
