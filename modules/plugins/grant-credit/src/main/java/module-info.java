/** The {@code grant_credit} command. */
module org.vidshare.plugin.grantcredit {
    requires org.vidshare.core;
    requires org.vidshare.domain;

    provides org.vidshare.core.spi.CommandHandler with org.vidshare.plugin.grantcredit.GrantCreditHandler;
}
