/**
 * The shared vocabulary of VidShare: the wire protocol and its MINA codec, the plugin SPI,
 * and the hashing helpers of the original notes. It names no command but hello and ping.
 */
module org.vidshare.core {
    requires transitive com.fasterxml.jackson.databind;
    requires org.apache.commons.codec;
    requires transitive org.apache.mina.core;
    // MINA is an automatic module built against slf4j 1.7; it does not resolve slf4j 2 by itself.
    requires org.slf4j;
    // Only the SPI's transaction callback names EntityManager; clients never load that type.
    requires static jakarta.persistence;

    exports org.vidshare.core.spi;
    exports org.vidshare.core.protocol;
    exports org.vidshare.core.codec;
    exports org.vidshare.core.hash;
    exports org.vidshare.core.tls;

    uses org.vidshare.core.spi.CommandHandler;
    uses org.vidshare.core.tls.TlsImplementation;
}
