/**
 * End-to-end tests of the assembled server. Requiring every plugin module puts them on the test
 * module path, where their {@code provides} apply (on the class path they would be invisible).
 */
open module org.vidshare.e2e {
    requires org.vidshare.core;
    requires org.vidshare.server;
    requires org.vidshare.domain;
    requires java.sql;
    requires java.management;
    // DropInPluginTest compiles a small clashing plugin jar at test time.
    requires java.compiler;
    requires com.h2database;
    requires org.slf4j;
    // The Swing client's presentation models and window, driven against the real server.
    requires org.vidshare.client.swing;

    requires org.vidshare.plugin.register;
    requires org.vidshare.plugin.login;
    requires org.vidshare.plugin.logout;
    requires org.vidshare.plugin.whoami;
    requires org.vidshare.plugin.changepassword;
    requires org.vidshare.plugin.checkmovie;
    requires org.vidshare.plugin.uploadmovie;
    requires org.vidshare.plugin.getmovielist;
    requires org.vidshare.plugin.deletemovie;
    requires org.vidshare.plugin.releasenotice;
    requires org.vidshare.plugin.checknotice;
    requires org.vidshare.plugin.recharge;
    requires org.vidshare.plugin.wallet;
    requires org.vidshare.plugin.grantcredit;
    requires org.vidshare.plugin.buyvip;
    requires org.vidshare.plugin.downloadmovie;
    requires org.vidshare.plugin.checkdownloadrecord;
    requires org.vidshare.plugin.listusers;
    requires org.vidshare.plugin.lockuser;
    requires org.vidshare.plugin.unlockuser;
    requires org.vidshare.plugin.resetpassword;
    requires org.vidshare.plugin.classicdialect;

    exports org.vidshare.e2e;
}
