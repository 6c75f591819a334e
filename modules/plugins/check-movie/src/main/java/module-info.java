/** The {@code check_movie} command. */
module org.vidshare.plugin.checkmovie {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.checkmovie.CheckMovieHandler;
}
