/**
 * The client library: one blocking connection per instance (hello, calls, uploads and downloads
 * at the speed of the machine, TLS with trust on first use). It names the commands it offers
 * shortcuts for (login, upload and download helpers); the core it builds on names none.
 */
module org.vidshare.client {
    requires transitive org.vidshare.core;

    exports org.vidshare.client;
}
