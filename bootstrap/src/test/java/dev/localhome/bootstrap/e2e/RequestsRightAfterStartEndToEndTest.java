package dev.localhome.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.RawBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon says it listens before its first discovery scan has ended (docs/ARCHITECTURE.md, "Discovery"): a request
 * sent the moment {@code Daemon.startListening} returns, as a script that read {@code LISTENING:<port>} would send it, must
 * still reach a dev server that was running before the start, by name over plain HTTP and over TLS on the daemon's
 * own port (whose leaf is chosen by that same scan). Each test starts a daemon of its own, so each request is the
 * first one that daemon sees.
 */
class RequestsRightAfterStartEndToEndTest {
    @TempDir
    static Path directory;

    private static BackendProcess app;

    @BeforeAll
    static void startTheDevServerFirst() throws IOException {
        app = BackendProcess.start(BackendProcess.uniqueName("early"));
    }

    @AfterAll
    static void stopTheDevServer() {
        if (app != null) app.close();
    }

    @Test
    void aRequestByNameSentAtOnceReachesTheDevServer() throws IOException {
        try (RunningDaemon daemon = RunningDaemon.withCaJustListening(directory.resolve("by-name"));
             Socket socket = new Socket("127.0.0.1", daemon.port())) {
            String host = app.name() + ".localhost:" + daemon.port();
            socket.setSoTimeout(20_000);

            String answer = exchange(socket.getOutputStream(), socket.getInputStream(), host);

            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(answer).endsWith("hello from " + app.name());
        }
    }

    @Test
    void aTlsRequestOnTheDaemonsPortSentAtOnceGetsTheNamesLeafAndReachesTheDevServer() throws IOException {
        try (RunningDaemon daemon = RunningDaemon.withCaJustListening(directory.resolve("tls"));
             Socket plain = new Socket("127.0.0.1", daemon.port());
             SSLSocket tls = (SSLSocket) daemon.trustingTheCa().getSocketFactory()
                     .createSocket(plain, app.name() + ".localhost", daemon.port(), true)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the leaf must name the host
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(20_000);

            String answer = exchange(tls.getOutputStream(), tls.getInputStream(),
                    app.name() + ".localhost:" + daemon.port());

            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(answer).endsWith("hello from " + app.name());
        }
    }

    /** One GET with {@code Connection: close}: the head, then the body up to the close. */
    private static String exchange(OutputStream out, InputStream in, String host) throws IOException {
        out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = RawBackend.readHead(in);
        return head + new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
