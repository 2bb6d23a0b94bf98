package dev.localhome.archfixtures.wrong.domain;

import io.netty.channel.Channel;

/** Wrong: a Netty type in the domain. */
public final class BadDomainUsesNetty {
    Channel channel;
}
