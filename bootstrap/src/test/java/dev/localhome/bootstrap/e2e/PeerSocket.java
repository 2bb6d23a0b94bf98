package dev.localhome.bootstrap.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java.net.http.WebSocket} as a peer: collects whole messages in arrival order ({@code String} per text
 * message, {@code byte[]} per binary one) and how the socket ended (a close frame's code and reason, or an error).
 * Every wait is bounded.
 */
final class PeerSocket implements WebSocket.Listener, AutoCloseable {
    static final long WAIT_SECONDS = 10;

    /** How a socket ended: the close frame the server sent, or the error the client saw instead. */
    record End(int code, String reason, Optional<Throwable> error) {}

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<End> end = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private WebSocket socket;

    static PeerSocket open(HttpClient client, URI uri, Optional<String> host, List<String> subprotocols) throws Exception {
        PeerSocket peer = new PeerSocket();
        WebSocket.Builder builder = client.newWebSocketBuilder();
        host.ifPresent(h -> builder.header("Host", h));
        if (!subprotocols.isEmpty())
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        peer.socket = builder.buildAsync(uri, peer).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return peer;
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    PeerSocket send(String message) throws Exception {
        socket.sendText(message, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    PeerSocket send(byte[] message) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(message), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    String nextText() throws Exception {
        Object message = next();
        if (message instanceof String string) return string;
        throw new IOException("expected a text message, got " + ((byte[]) message).length + " bytes of binary");
    }

    byte[] nextBinary() throws Exception {
        Object message = next();
        if (message instanceof byte[] bytes) return bytes;
        throw new IOException("expected a binary message, got text: " + message);
    }

    private Object next() throws Exception {
        Object message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (message != null) return message;
        throw new IOException("no message within " + WAIT_SECONDS + " s; the socket " + (end.isDone() ? "ended: " + end.get() : "is still open"));
    }

    /** How the socket ended, waiting at most {@link #WAIT_SECONDS}: a hang is a failure, not a wait. */
    End awaitEnd() throws Exception {
        try {
            return end.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the socket neither closed nor failed within " + WAIT_SECONDS + " s", e);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            messages.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end.complete(new End(statusCode, reason, Optional.empty()));
        return null; // the JDK answers the close frame with the same code
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        end.complete(new End(-1, "", Optional.of(error)));
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                // already ending: abort below
            }
        }
        socket.abort();
    }
}
