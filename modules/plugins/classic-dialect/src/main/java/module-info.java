/**
 * The classic dialect: the 2018 course clients, which never say hello, served by the same
 * command handlers. Without this module such connections speak the native protocol.
 */
module org.vidshare.plugin.classicdialect {
    requires org.vidshare.core;

    provides org.vidshare.core.spi.Dialect with org.vidshare.plugin.classicdialect.ClassicDialect;
}
