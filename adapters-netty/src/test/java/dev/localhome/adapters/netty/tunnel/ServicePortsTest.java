package dev.localhome.adapters.netty.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.ProxyUnderTest;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestBackend;
import dev.localhome.adapters.netty.testing.TestCa;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every port of a service by name: app serves pages on one port and an API on another, and each is reachable by
 * {@code Host}, in absolute form and through {@code CONNECT app:<port>}, with TLS inside the tunnel or without.
 */
class ServicePortsTest {
    @TempDir
    static Path caDirectory;
    private static TestBackend pages;
    private static TestBackend api;
    private static TestCa ca;
    private static ProxyUnderTest proxy;
    private static ProxyUnderTest proxyWithoutCa;
    private static int unused;

    @BeforeAll
    static void start() throws Exception {
        pages = TestBackend.start(0, "app pages");
        api = TestBackend.start(0, "app api");
        ca = new TestCa(caDirectory.resolve("ca"));
        proxy = new ProxyUnderTest(ca.authority());
        proxyWithoutCa = ProxyUnderTest.withoutCa();
        for (ProxyUnderTest each : List.of(proxy, proxyWithoutCa)) {
            each.services.put("app", Math.min(pages.port(), api.port())); // the chosen port is the lower one
            each.morePorts.put("app", List.of(Math.max(pages.port(), api.port())));
        }
        try (ServerSocket free = new ServerSocket(0)) {
            unused = free.getLocalPort(); // app's processes do not listen here, whoever else may
        }
    }

    @AfterAll
    static void stop() {
        proxy.close();
        proxyWithoutCa.close();
        pages.close();
        api.close();
    }

    @Test
    void aPortLabelReachesThatPortWithTheHostKept() throws IOException {
        for (TestBackend backend : List.of(pages, api)) {
            String host = backend.port() + ".app.localhost:" + proxy.port();
            String answer = exchange(proxy, "GET /headers HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 200").contains("host: " + host + "\n")
                    .contains("x-forwarded-host: " + host + "\n");
            assertThat(exchange(proxy, "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"))
                    .endsWith("hello from " + backend.name());
        }
    }

    @Test
    void aSubdomainReachesTheServiceWithTheHostKept() throws IOException {
        String host = "a.app.localhost:" + proxy.port();
        String answer = exchange(proxy, "GET /headers HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").contains("host: " + host + "\n");
    }

    @Test
    void aPortLabelTheServiceDoesNotListenOnIsA404LikeAnUnknownName() throws IOException {
        String refused = exchange(proxy, "GET / HTTP/1.1\r\nHost: " + unused + ".app.localhost\r\nConnection: close\r\n\r\n");
        String unknown = exchange(proxy, "GET / HTTP/1.1\r\nHost: nope.localhost\r\nConnection: close\r\n\r\n");

        assertThat(refused).startsWith("HTTP/1.1 404");
        assertThat(unknown).startsWith("HTTP/1.1 404");
    }

    @Test
    void httpsToAPortIsInterceptedWithTheNamesCertificateAndReachesThatPort() throws Exception {
        HttpClient client = ca.clientThrough(proxy.port()).build(); // trusts the CA, checks the name "app"
        for (TestBackend backend : List.of(pages, api)) {
            HttpResponse<String> headers = client.send(HttpRequest.newBuilder(
                    URI.create("https://app:" + backend.port() + "/headers")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> hello = client.send(HttpRequest.newBuilder(
                    URI.create("https://app:" + backend.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(headers.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(headers.body()).contains("host: localhost:" + backend.port() + "\n")
                    .contains("x-forwarded-host: app:" + backend.port() + "\n")
                    .contains("x-forwarded-proto: https\n");
            assertThat(hello.body()).isEqualTo("hello from " + backend.name());
        }
    }

    @Test
    void plainHttpToAPortThroughTheProxyGoesThereWithoutARedirect() throws Exception {
        HttpClient client = ca.clientThrough(proxy.port()).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://app:" + api.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from app api");
    }

    @Test
    void plainHttpInsideConnectToAPortIsForwardedThereRequestAfterRequest() throws IOException {
        for (ProxyUnderTest each : List.of(proxy, proxyWithoutCa)) {
            try (RawConnection raw = new RawConnection(each.port())) {
                String target = "app:" + api.port();
                raw.send("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
                assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
                for (int i = 0; i < 2; i++) {
                    raw.send("GET /headers HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
                    String head = raw.readHead();
                    assertThat(head).startsWith("HTTP/1.1 200");
                    String body = new String(raw.readExactly(contentLength(head)), StandardCharsets.UTF_8);
                    assertThat(body).contains("host: localhost:" + api.port() + "\n");
                }
            }
        }
    }

    @Test
    void connectToAPortTheServiceDoesNotListenOnClosesWithoutAByte() throws IOException {
        for (ProxyUnderTest each : List.of(proxy, proxyWithoutCa)) {
            try (RawConnection raw = new RawConnection(each.port())) {
                raw.send("CONNECT app:" + unused + " HTTP/1.1\r\nHost: app:" + unused + "\r\n\r\n");
                assertThat(raw.closedWithoutBytes()).isTrue();
            }
        }
    }

    private static String exchange(ProxyUnderTest target, String request) throws IOException {
        try (RawConnection raw = new RawConnection(target.port())) {
            raw.send(request);
            return new String(raw.readUntilClosed(), StandardCharsets.UTF_8);
        }
    }

    private static int contentLength(String head) {
        return head.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElseThrow();
    }
}
