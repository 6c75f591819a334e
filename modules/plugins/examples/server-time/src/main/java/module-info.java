/**
 * An example drop-in plugin: the {@code server_time} command. It needs only the SPI (no entities),
 * which is all a jar in {@code plugins/} can count on.
 */
module org.vidshare.plugin.servertime {
    requires org.vidshare.core;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.servertime.ServerTimeHandler;
}
