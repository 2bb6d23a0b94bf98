package dev.localhome.adapters.netty.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay on two EmbeddedChannels: bytes in on one side, the same bytes out on the other, read after write. */
class RelayHandlerTest {

    @Test
    void bytesReadOnOneSideAreWrittenToTheOtherAsTheyAreAndTheTapSeesThemUntouched() {
        List<String> tapped = new ArrayList<>();
        EmbeddedChannel backend = new EmbeddedChannel();
        EmbeddedChannel client = new EmbeddedChannel();
        client.pipeline().addLast("relay", new RelayHandler(backend, RelayHandler.OnEnd.HALF_CLOSE,
                bytes -> tapped.add(bytes.toString(StandardCharsets.UTF_8))));
        backend.pipeline().addLast("relay", new RelayHandler(client, RelayHandler.OnEnd.CLOSE));
        RelayHandler.start(client, backend);

        client.writeInbound(ascii("GET / HTTP/1.1\r\n\r\n not HTTP to the relay"));
        backend.writeInbound(ascii("answer"));

        assertThat(client.pipeline().names()).startsWith("relay");
        assertThat(client.config().isAutoRead()).as("the relay reads again only after a write went out").isFalse();
        assertThat(text(backend.readOutbound())).isEqualTo("GET / HTTP/1.1\r\n\r\n not HTTP to the relay");
        assertThat(text(client.readOutbound())).isEqualTo("answer");
        assertThat(tapped).containsExactly("GET / HTTP/1.1\r\n\r\n not HTTP to the relay");
        client.finishAndReleaseAll();
        backend.finishAndReleaseAll();
    }

    @Test
    void theBackendsEndClosesBothSidesWhileAClientsEndLeavesTheBackendOpen() {
        EmbeddedChannel backend = new EmbeddedChannel();
        EmbeddedChannel client = new EmbeddedChannel();
        client.pipeline().addLast("relay", new RelayHandler(backend, RelayHandler.OnEnd.HALF_CLOSE));
        backend.pipeline().addLast("relay", new RelayHandler(client, RelayHandler.OnEnd.CLOSE));
        RelayHandler.start(client, backend);

        backend.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        backend.runPendingTasks();
        client.runPendingTasks();

        assertThat(backend.isOpen()).isFalse();
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void bytesForAPeerThatIsGoneAreReleasedNotWritten() {
        EmbeddedChannel backend = new EmbeddedChannel();
        EmbeddedChannel client = new EmbeddedChannel();
        client.pipeline().addLast("relay", new RelayHandler(backend));
        backend.close();
        ByteBuf late = ascii("too late");

        client.writeInbound(late);

        assertThat(late.refCnt()).isZero();
        assertThat((Object) backend.readOutbound()).isNull();
        client.finishAndReleaseAll();
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static String text(ByteBuf bytes) {
        try {
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            bytes.release();
        }
    }
}
