/** The {@code transfer_ticket} command. */
module org.vidshare.plugin.transferticket {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.transferticket.TransferTicketHandler;
}
