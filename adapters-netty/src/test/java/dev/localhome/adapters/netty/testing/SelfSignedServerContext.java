package dev.localhome.adapters.netty.testing;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/** A self-signed server certificate made with the JDK's own keytool, as a dev server's HTTPS would have. */
final class SelfSignedServerContext {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private SelfSignedServerContext() {}

    static SslContext create() throws Exception {
        Path dir = Files.createTempDirectory("localhome-selfsigned");
        Path store = dir.resolve("backend.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "backend", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) throw new IllegalStateException("keytool failed");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        return SslContextBuilder.forServer(managers).sslProvider(SslProvider.JDK).build();
    }
}
