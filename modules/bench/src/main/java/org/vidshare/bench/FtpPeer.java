package org.vidshare.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * Apache FtpServer as the comparison peer: started as a child JVM (as the VidShare server is),
 * with one user whose home holds the benchmark file, driven by the commons-net client in binary,
 * passive mode with a 1 MiB buffer.
 */
final class FtpPeer implements AutoCloseable {
    static final String USER = "bench";
    private static final String READY = "FTP listening on ";
    private static final int BUFFER = 1 << 20;

    private final Process process;
    private final int port;

    private FtpPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The child: {@code FtpPeer <home> <port>}. */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        FtpServerFactory server = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(port);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassiveAddress("127.0.0.1");
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        server.addListener("default", listener.createListener());
        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        Path userFile = home.resolveSibling("ftp-users.properties");
        Files.writeString(userFile, ""); // the user manager insists that its file exists
        users.setFile(userFile.toFile());
        UserManager userManager = users.createUserManager();
        BaseUser user = new BaseUser();
        user.setName(USER);
        user.setPassword(USER);
        user.setHomeDirectory(home.toString());
        user.setAuthorities(List.of(new WritePermission()));
        userManager.save(user);
        server.setUserManager(userManager);
        FtpServer ftp = server.createServer();
        ftp.start();
        System.out.println(READY + port);
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Starts the child serving {@code home} with the same heap limit as the VidShare server. */
    static FtpPeer start(Path home, String heap) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", childClassPath(),
                FtpPeer.class.getName(), home.toString(), Integer.toString(port)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(READY)) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "ftp-peer-output");
                drain.setDaemon(true);
                drain.start();
                return new FtpPeer(process, port);
            }
            System.out.println("ftp peer: " + line);
        }
        throw new IOException("the FTP peer exited before it was ready");
    }

    /** This JVM's module path and class path as a class path (directories of jars as {@code dir/*}). */
    private static String childClassPath() {
        List<String> entries = new ArrayList<>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property, "");
            for (String entry : value.split(File.pathSeparator)) {
                if (entry.isEmpty()) {
                    continue;
                }
                entries.add(entry);
                if (Files.isDirectory(Path.of(entry))) {
                    entries.add(entry + File.separator + "*");
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    long pid() {
        return process.pid();
    }

    /** Seconds for one binary, passive RETR of {@code remote} into {@code target}. */
    double download(String remote, Path target) throws IOException {
        FTPClient client = client();
        try (OutputStream out = Files.newOutputStream(target)) {
            long start = System.nanoTime();
            if (!client.retrieveFile(remote, out)) {
                throw new IOException("RETR failed: " + client.getReplyString());
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            client.disconnect();
        }
    }

    /** Seconds for one binary, passive STOR of {@code source} as {@code remote}. */
    double upload(Path source, String remote) throws IOException {
        FTPClient client = client();
        try (InputStream in = Files.newInputStream(source)) {
            long start = System.nanoTime();
            if (!client.storeFile(remote, in)) {
                throw new IOException("STOR failed: " + client.getReplyString());
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            client.disconnect();
        }
    }

    private FTPClient client() throws IOException {
        FTPClient client = new FTPClient();
        client.setBufferSize(BUFFER);
        client.setReceiveBufferSize(BUFFER);
        client.setSendBufferSize(BUFFER);
        client.connect("127.0.0.1", port);
        if (!client.login(USER, USER)) {
            throw new IOException("FTP login failed: " + client.getReplyString());
        }
        client.enterLocalPassiveMode();
        client.setFileType(FTP.BINARY_FILE_TYPE);
        return client;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
