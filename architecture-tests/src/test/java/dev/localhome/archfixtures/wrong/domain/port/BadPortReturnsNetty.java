package dev.localhome.archfixtures.wrong.domain.port;

import io.netty.buffer.ByteBuf;

/** Wrong: a framework type as a port's return type. */
public interface BadPortReturnsNetty {
    ByteBuf read();
}
