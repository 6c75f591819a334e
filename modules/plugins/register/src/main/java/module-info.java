/** The {@code register} command. */
module org.vidshare.plugin.register {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.register.RegisterHandler;
}
