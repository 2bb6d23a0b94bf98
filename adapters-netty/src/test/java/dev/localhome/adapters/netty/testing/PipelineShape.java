package dev.localhome.adapters.netty.testing;

import dev.localhome.adapters.netty.inbound.PipelineNames;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A pipeline as the README's drawing writes it: the names of its handlers that are {@link PipelineNames} constants,
 * in order. Netty's own tail and the generated names of helpers (an initializer's {@code #0}) are left out.
 */
public final class PipelineShape {
    private static final Set<String> NAMES = Stream.of(PipelineNames.class.getDeclaredFields())
            .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
            .map(PipelineShape::value)
            .collect(Collectors.toUnmodifiableSet());

    private PipelineShape() {}

    public static List<String> of(Channel channel) {
        return channel.pipeline().names().stream().filter(NAMES::contains).toList();
    }

    /**
     * Runs the channel's tasks until {@code done}, for at most five seconds: a completion from another thread (the
     * registry's rescan, a certificate mint) hops back onto the EmbeddedChannel's loop as a task.
     */
    public static void runUntil(EmbeddedChannel channel, BooleanSupplier done) {
        try {
            Await.within(Duration.ofSeconds(5), () -> {
                channel.runPendingTasks();
                channel.runScheduledPendingTasks();
                return done.getAsBoolean();
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
