package dev.localhome.adapters.netty.forward;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * {@code Expect: 100-continue}, answered by the proxy once the backend is connected, and the request forwarded
 * without it: not every dev server sends {@code 100} (and a client waiting for one would stall the exchange), while a
 * dead backend still gets its {@code 502} before the client sends the body.
 */
final class ContinueInvitation {
    private ContinueInvitation() {}

    static void answerFor(HttpRequest request, ChannelHandlerContext client) {
        if (!HttpUtil.is100ContinueExpected(request)) return;
        HttpUtil.set100ContinueExpected(request, false);
        client.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }
}
