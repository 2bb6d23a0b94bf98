package dev.localhome.archfixtures.wrong.adapters.netty.relay;

import io.netty.buffer.ByteBuf;

/** A relay that sees bytes only. */
final class GoodRelay {
    int size(ByteBuf bytes) {
        return bytes.readableBytes();
    }
}
