package dev.localhome.adapters.netty.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.testing.RawBackend;
import dev.localhome.adapters.netty.testing.RawConnection;
import dev.localhome.adapters.netty.testing.TestCa;
import dev.localhome.adapters.netty.testing.WsFrames;
import dev.localhome.adapters.netty.testing.WsFrames.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSocket;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.localhome.adapters.netty.testing.ProxyFixture;

/**
 * At a protocol switch nothing is lost: a server that speaks first, in the very write that carries its {@code 101},
 * and a client that sends a frame right behind its upgrade request, on every path a WebSocket takes.
 */
class ProtocolSwitchTest {
    private static final String UPGRADE_HEAD = "GET /ws HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    private static final byte[] GREETING = "hello from the server".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BIG = pattern(70_000);

    @RegisterExtension
    static final ProxyFixture fixture = ProxyFixture.withCa()
            .backend("app", () -> RawBackend.start(ProtocolSwitchTest::greetThenEcho), RawBackend::port)
            .backend("plain", () -> RawBackend.start(ProtocolSwitchTest::declineUpgradesAnswerTheRest), RawBackend::port);

    /** How the client reaches {@code app}: each gives a stream on which its first request is HTTP to the service. */
    enum Path_ {
        REVERSE, CONNECT_80, INTERCEPTED_TLS
    }

    /** 101, a greeting and a 70 000-byte frame in one write, then an echo of every frame until a close. */
    private static void greetThenEcho(Socket socket, InputStream in, OutputStream out) throws IOException {
        if (RawBackend.readHead(in).isEmpty()) return;
        out.write(WsFrames.switchingProtocolsThen("", GREETING, BIG));
        out.flush();
        WsFrames.echoUntilClose(in, out);
    }

    /** Answers an upgrade request 404 and any other request 200 with its path, on one kept-alive connection. */
    private static void declineUpgradesAnswerTheRest(Socket socket, InputStream in, OutputStream out) {
        try {
            for (String head = RawBackend.readHead(in); !head.isEmpty(); head = RawBackend.readHead(in)) {
                String path = head.split(" ")[1];
                String body = head.toLowerCase().contains("upgrade: websocket") ? "no sockets here" : "you asked " + path;
                String status = body.startsWith("no") ? "404 Not Found" : "200 OK";
                RawBackend.write(out, "HTTP/1.1 " + status + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            }
        } catch (IOException ignored) {
            // the proxy closed the connection
        }
    }

    @ParameterizedTest
    @EnumSource(Path_.class)
    void aServerThatSpeaksInTheSameWriteAsIts101IsHeardByteExact(Path_ path) throws Exception {
        try (Peer peer = open(path, "app")) {
            peer.send(UPGRADE_HEAD.formatted(peer.host).getBytes(StandardCharsets.ISO_8859_1));

            assertThat(peer.readHead()).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: websocket");
            Frame greeting = WsFrames.read(peer.in);
            assertThat(greeting.opcode()).isEqualTo(WsFrames.TEXT);
            assertThat(greeting.payload()).isEqualTo(GREETING);
            assertThat(WsFrames.read(peer.in).payload()).isEqualTo(BIG);
            for (int i = 0; i < 3; i++) {
                byte[] message = ("echo " + i).getBytes(StandardCharsets.UTF_8);
                peer.send(WsFrames.frame(WsFrames.TEXT, message, true));
                assertThat(WsFrames.read(peer.in).payload()).isEqualTo(message);
            }
            peer.send(WsFrames.frame(WsFrames.CLOSE, new byte[] {0x03, (byte) 0xe8}, true));
            assertThat(WsFrames.read(peer.in)).satisfies(f -> assertThat(f.opcode()).isEqualTo(WsFrames.CLOSE));
        }
    }

    @ParameterizedTest
    @EnumSource(Path_.class)
    void aFrameSentRightBehindTheUpgradeRequestReachesTheServerAfterIts101(Path_ path) throws Exception {
        try (Peer peer = open(path, "app")) {
            byte[] early = "sent before the 101".getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream oneWrite = new ByteArrayOutputStream();
            oneWrite.writeBytes(UPGRADE_HEAD.formatted(peer.host).getBytes(StandardCharsets.ISO_8859_1));
            oneWrite.writeBytes(WsFrames.frame(WsFrames.BINARY, early, true));
            peer.send(oneWrite.toByteArray());

            assertThat(peer.readHead()).startsWith("HTTP/1.1 101");
            assertThat(WsFrames.read(peer.in).payload()).isEqualTo(GREETING);
            assertThat(WsFrames.read(peer.in).payload()).isEqualTo(BIG);
            assertThat(WsFrames.read(peer.in).payload()).isEqualTo(early);
        }
    }

    @ParameterizedTest
    @EnumSource(Path_.class)
    void aRequestPipelinedBehindADeclinedUpgradeIsStillAnswered(Path_ path) throws Exception {
        try (Peer peer = open(path, "plain")) {
            peer.send((UPGRADE_HEAD.formatted(peer.host) + "GET /after HTTP/1.1\r\nHost: " + peer.host + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));

            assertThat(peer.readHead()).startsWith("HTTP/1.1 404");
            assertThat(new String(peer.in.readNBytes("no sockets here".length()), StandardCharsets.UTF_8)).isEqualTo("no sockets here");
            assertThat(peer.readHead()).startsWith("HTTP/1.1 200");
            assertThat(new String(peer.in.readNBytes("you asked /after".length()), StandardCharsets.UTF_8)).isEqualTo("you asked /after");
        }
    }

    private static Peer open(Path_ path, String name) throws Exception {
        RawConnection raw = new RawConnection(fixture.port());
        switch (path) {
            case REVERSE:
                return new Peer(raw, raw.socket(), name + ".localhost:" + fixture.port());
            case CONNECT_80:
                raw.send("CONNECT " + name + ":80 HTTP/1.1\r\nHost: " + name + ":80\r\n\r\n");
                assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
                return new Peer(raw, raw.socket(), name);
            default:
                raw.send("CONNECT " + name + ":443 HTTP/1.1\r\nHost: " + name + ":443\r\n\r\n");
                assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
                SSLSocket tls = (SSLSocket) fixture.ca().trustingContext().getSocketFactory()
                        .createSocket(raw.socket(), name, 443, true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(name)));
                parameters.setApplicationProtocols(new String[] {"http/1.1"});
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return new Peer(raw, tls, name);
        }
    }

    /** One client connection, plain or TLS, at the point where it speaks HTTP to the service. */
    private static final class Peer implements AutoCloseable {
        final RawConnection raw;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final String host;

        Peer(RawConnection raw, Socket socket, String host) throws IOException {
            this.raw = raw;
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.host = host;
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int lastFour = 0;
            while (lastFour != 0x0d0a0d0a) {
                int b = in.read();
                if (b < 0) throw new IOException("closed after " + head.size() + " bytes: " + head);
                head.write(b);
                lastFour = (lastFour << 8) | b;
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
            raw.close();
        }
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) (i * 31 + 7);
        return bytes;
    }
}
