package dev.localhome.archfixtures.wrong.domain.port;

import io.netty.channel.Channel;
import java.util.concurrent.CompletionStage;

/** Wrong: a framework type hidden in a type argument of a port's parameter. */
public interface BadPortHidesNettyInGenerics {
    void accept(CompletionStage<Channel> connection);
}
