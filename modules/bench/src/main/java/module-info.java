/** Benchmarks: each a main program that starts a real server as a child JVM and prints numbers. */
module org.vidshare.bench {
    requires org.vidshare.core;
    requires org.vidshare.client;
    requires java.management;
    // Only here: Apache FtpServer (as a child JVM) and commons-net, the comparison peer.
    requires ftpserver.core;
    requires ftplet.api;
    requires org.apache.commons.net;
    // TransferBenchmark's native TLS copy: BoringSSL SSLEngines (netty-tcnative); its native module
    // (linux-x86_64) is resolved with --add-modules, so the benchmark still runs where it is absent.
    requires io.netty.handler;
    requires io.netty.buffer;
    requires io.netty.tcnative.classes.openssl;
    // BalancerBenchmark: a schema of its own on the given PostgreSQL (the driver by DriverManager).
    requires java.sql;
    requires org.postgresql.jdbc;

    exports org.vidshare.bench;
}
