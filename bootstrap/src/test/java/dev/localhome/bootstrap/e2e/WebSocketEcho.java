package dev.localhome.bootstrap.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JDK WebSocket, as a dev server's HMR client opens one, that collects whole messages: a {@code String} per text
 * message, a {@code byte[]} per binary one.
 */
final class WebSocketEcho implements WebSocket.Listener, AutoCloseable {
    private static final long WAIT_SECONDS = 10;

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private WebSocket socket;

    static WebSocketEcho open(HttpClient client, URI uri) throws Exception {
        WebSocketEcho echo = new WebSocketEcho();
        echo.socket = client.newWebSocketBuilder().buildAsync(uri, echo).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return echo;
    }

    String roundTrip(String message) throws Exception {
        socket.sendText(message, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return (String) next();
    }

    byte[] roundTrip(byte[] message) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(message), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return (byte[]) next();
    }

    private Object next() throws InterruptedException, IOException {
        Object message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (message == null) throw new IOException("no message within " + WAIT_SECONDS + " s");
        if (message instanceof Throwable failure) throw new IOException("the WebSocket failed", failure);
        return message;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            received.add(text.toString());
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
            received.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        received.add(error);
    }

    @Override
    public void close() throws InterruptedException, ExecutionException, TimeoutException {
        if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(WAIT_SECONDS, TimeUnit.SECONDS);
        socket.abort();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
