/** Benchmarks: each a main program that starts a real server as a child JVM and prints numbers. */
module org.vidshare.bench {
    requires org.vidshare.core;
    requires java.management;

    exports org.vidshare.bench;
}
