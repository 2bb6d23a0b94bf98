package dev.localhome.archfixtures.wrong.adapters.discovery.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.socket.nio.NioDomainSocketChannel;

/** Right: container discovery's engine client connects with Netty over NIO and reads the engine's JSON with Jackson. */
final class GoodEngineClient {
    private final ObjectMapper json = new ObjectMapper();

    Bootstrap client() {
        return new Bootstrap().channel(NioDomainSocketChannel.class);
    }
}
