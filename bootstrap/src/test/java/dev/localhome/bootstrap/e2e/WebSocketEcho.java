package dev.localhome.bootstrap.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A JDK WebSocket, as a dev server's HMR client opens one, for the echo tests: each message sent, its echo read back
 * (a {@code String} per text message, a {@code byte[]} per binary one). A {@link PeerSocket} underneath.
 */
final class WebSocketEcho implements AutoCloseable {
    private final PeerSocket socket;

    private WebSocketEcho(PeerSocket socket) {
        this.socket = socket;
    }

    static WebSocketEcho open(HttpClient client, URI uri) throws Exception {
        return new WebSocketEcho(PeerSocket.open(client, uri, Optional.empty(), List.of()));
    }

    String roundTrip(String message) throws Exception {
        return socket.send(message).nextText();
    }

    byte[] roundTrip(byte[] message) throws Exception {
        return socket.send(message).nextBinary();
    }

    @Override
    public void close() {
        socket.close();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
