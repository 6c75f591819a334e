/** The {@code get_movie_list} command. */
module org.vidshare.plugin.getmovielist {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.getmovielist.GetMovieListHandler;
}
