package dev.localhome.bootstrap.e2e;

import dev.localhome.adapters.netty.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.bootstrap.e2e.InterceptedHttpsEndToEndTest.Curl;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dev server listening on two ports, started as a real process with {@code NAME=app-<random>}, is reachable on each
 * by name: by {@code Host} ({@code <port>.<name>.localhost}) and through the proxy ({@code http://<name>:<port>/},
 * {@code https://<name>:<port>/} with the name's own certificate), from the JDK's client and from curl. A port it does
 * not listen on is refused as an unknown name is; a subdomain reaches it with the {@code Host} as sent.
 */
class ServicePortsEndToEndTest {
    @TempDir
    static Path directory;
    private static RunningDaemon daemon;
    private static BackendProcess app;
    private static String name;
    /** The process's two ports, each with what it answers at {@code /}. */
    private static Map<Integer, String> hellos;
    private static int unused;

    @BeforeAll
    static void start() throws IOException {
        daemon = RunningDaemon.withCa(directory);
        name = BackendProcess.uniqueName("app");
        app = BackendProcess.start(name, TwoPortBackend.class.getName());
        int api = app.output().stream().filter(line -> line.startsWith("API:"))
                .map(line -> Integer.parseInt(line.substring(4).trim())).findFirst().orElseThrow();
        hellos = Map.of(app.port(), "hello from " + name + " pages", api, "hello from " + name + " api");
        try (ServerSocket free = new ServerSocket(0)) {
            unused = free.getLocalPort(); // the process does not listen here
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (daemon != null) daemon.close();
    }

    @Test
    void eachPortAnswersAtItsPortLabelByHost() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (Map.Entry<Integer, String> port : hellos.entrySet()) {
            String host = port.getKey() + "." + name + ".localhost:" + daemon.port();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(daemon.direct("/")).header("Host", host)
                    .build(), HttpResponse.BodyHandlers.ofString());
            Curl.Result curl = curl("--resolve", host + ":127.0.0.1", "http://" + host + "/");

            assertThat(response.body()).as("JDK client, Host: %s", host).isEqualTo(port.getValue());
            assertThat(curl.stdout()).as("curl, Host: %s; stderr: %s", host, curl.stderr()).isEqualTo(port.getValue());
        }
    }

    @Test
    void eachPortAnswersThroughTheProxyInAbsoluteForm() throws Exception {
        for (Map.Entry<Integer, String> port : hellos.entrySet()) {
            String url = "http://" + name + ":" + port.getKey() + "/";
            HttpResponse<String> response = daemon.browser().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Curl.Result curl = curl("--proxy", "http://127.0.0.1:" + daemon.port(), url);

            assertThat(response.statusCode()).as("JDK client, %s", url).isEqualTo(200);
            assertThat(response.body()).as("JDK client, %s", url).isEqualTo(port.getValue());
            assertThat(curl.stdout()).as("curl, %s; stderr: %s", url, curl.stderr()).isEqualTo(port.getValue());
        }
    }

    @Test
    void eachPortAnswersOverVerifiedHttpsThroughConnectToThatPort() throws Exception {
        for (Map.Entry<Integer, String> port : hellos.entrySet()) {
            String url = "https://" + name + ":" + port.getKey() + "/";
            HttpResponse<String> response = daemon.browser().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Curl.Result curl = curl("--proxy", "http://127.0.0.1:" + daemon.port(), "--cacert",
                    daemon.rootPem().toString(), url);

            assertThat(response.body()).as("JDK client, %s", url).isEqualTo(port.getValue());
            assertThat(curl.exitCode()).as("curl exit code for %s; stderr: %s", url, curl.stderr()).isZero();
            assertThat(curl.stdout()).as("curl, %s", url).isEqualTo(port.getValue());
        }
    }

    @Test
    void httpsToAPortGetsTheSameCertificateAsTheNameAlone() throws Exception {
        Certificate atName = leafThrough(name + ":443");
        for (int port : hellos.keySet()) assertThat(leafThrough(name + ":" + port)).isEqualTo(atName);
    }

    @Test
    void aPortTheProcessDoesNotListenOnIsRefusedLikeAnUnknownName() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(daemon.direct("/"))
                .header("Host", unused + "." + name + ".localhost:" + daemon.port()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(daemon.direct("/"))
                .header("Host", "nope-" + name + ".localhost:" + daemon.port()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(404);

        for (String target : List.of(name + ":" + unused, "nope-" + name + ":" + unused)) {
            try (RawConnection raw = daemon.raw()) {
                raw.send("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
                assertThat(raw.closedWithoutBytes()).as("CONNECT %s", target).isTrue();
            }
            try (RawConnection raw = daemon.raw()) {
                raw.send("GET http://" + target + "/ HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
                assertThat(raw.readHead()).as("GET http://%s/", target).startsWith("HTTP/1.1 404");
            }
        }
    }

    @Test
    void aSubdomainReachesTheServiceWithItsHostAsSent() throws Exception {
        String host = "a." + name + ".localhost:" + daemon.port();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(daemon.direct("/headers"))
                .header("Host", host).build(), HttpResponse.BodyHandlers.ofString());
        Curl.Result curl = curl("--resolve", host + ":127.0.0.1", "http://" + host + "/headers");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("host: " + host + "\n");
        assertThat(curl.stdout()).as("curl; stderr: %s", curl.stderr()).contains("host: " + host + "\n");
    }

    @Test
    void theProxyAutoConfigFileSendsANameWithAPortToTheDaemonButNeverADottedName() throws Exception {
        String pac = HttpClient.newHttpClient().send(HttpRequest.newBuilder(daemon.direct("/proxy.pac"))
                .header("Host", "localhost:" + daemon.port()).build(), HttpResponse.BodyHandlers.ofString()).body();
        String proxy = "PROXY " + name + ".localhost:" + daemon.port() + "; DIRECT";

        // A browser calls FindProxyForURL with the URL and its host, which carries no port (the PAC format's rule).
        assertThat(findProxy(pac, "http://" + name + ":3001/x", name)).isEqualTo(proxy);
        assertThat(findProxy(pac, "https://" + name + ":3001/x", name)).isEqualTo(proxy);
        assertThat(findProxy(pac, "ws://" + name + ":3001/socket", name)).isEqualTo(proxy);
        assertThat(findProxy(pac, "http://api." + name + ":3001/", "api." + name)).isEqualTo("DIRECT");
        assertThat(findProxy(pac, "https://web.app:8443/", "web.app")).isEqualTo("DIRECT"); // .app is a real TLD
        assertThat(findProxy(pac, "http://localhost:3001/", "localhost")).isEqualTo("DIRECT");
    }

    /** Runs the PAC file in Node with the PAC helpers it uses, as a browser's PAC engine would; no name resolves. */
    private static String findProxy(String pac, String url, String host) throws IOException, InterruptedException {
        String script = "function isPlainHostName(h) { return h.indexOf('.') < 0; }\n"
                + "function isResolvable(h) { return false; }\n" + pac
                + "\nprocess.stdout.write(FindProxyForURL(process.argv[1], process.argv[2]));";
        SystemTools.require("node", "nodejs");
        Process node;
        try {
            node = new ProcessBuilder("node", "-e", script, url, host).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeThat(false).as("node is on the PATH (.ci/run installs it)").isTrue();
            throw e;
        }
        node.getOutputStream().close();
        String out = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(node.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).as("node finished").isTrue();
        return out;
    }

    private static Certificate leafThrough(String connectTarget) throws IOException {
        try (RawConnection tunnel = Tunnels.open(daemon.port(), connectTarget);
             SSLSocket tls = Tls.handshake(tunnel.socket(), daemon.trustingTheCa(), name, true, Optional.empty())) {
            return tls.getSession().getPeerCertificates()[0];
        }
    }

    private static Curl.Result curl(String... arguments) throws IOException {
        SystemTools.require("curl", "curl");
        return Curl.run(arguments);
    }
}
