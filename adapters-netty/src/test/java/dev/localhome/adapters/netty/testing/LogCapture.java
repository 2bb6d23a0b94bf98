package dev.localhome.adapters.netty.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Everything logged while it is open, by localhome and by Netty (an exception that reaches the tail of a pipeline
 * is a WARN of {@code io.netty.channel.DefaultChannelPipeline}; a leaked buffer an ERROR of
 * {@code io.netty.util.ResourceLeakDetector}).
 */
public final class LogCapture implements AutoCloseable {
    private static final String TAIL_OF_PIPELINE = "reached at the tail of the pipeline";
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> attached = new ArrayList<>();

    public LogCapture() {
        appender.setContext(context);
        appender.setName("test-capture");
        appender.start();
        for (String name : new String[] {Logger.ROOT_LOGGER_NAME, "dev.localhome"}) {
            Logger logger = context.getLogger(name);
            // an additive logger hands its events on to the root's appenders: attached there too, each would count twice
            if (!name.equals(Logger.ROOT_LOGGER_NAME) && logger.isAdditive()) continue;
            logger.addAppender(appender);
            attached.add(logger);
        }
    }

    /** Lets {@code name} log down to {@code level} while the capture is open (e.g. DEBUG, to see what it would say). */
    public Level setLevel(String name, Level level) {
        Logger logger = context.getLogger(name);
        Level before = logger.getLevel();
        logger.setLevel(level);
        return before;
    }

    public List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while it adds
            return List.copyOf(appender.list);
        }
    }

    public List<ILoggingEvent> matching(Predicate<ILoggingEvent> predicate) {
        return events().stream().filter(predicate).toList();
    }

    /**
     * Errors, and exceptions that escaped every handler to the tail of a pipeline: none should ever happen. Not the
     * test backend's: {@link TestBackend} has no {@code exceptionCaught}, so a reset the proxy sends it (closing a
     * connection with unread bytes, as it must when a client leaves) reaches its tail, on its own event loop.
     */
    public List<String> escapedFailures() {
        return matching(e -> !fromTheTestBackend(e) && (e.getLevel().isGreaterOrEqual(Level.ERROR)
                || (e.getLevel().isGreaterOrEqual(Level.WARN) && e.getFormattedMessage().contains(TAIL_OF_PIPELINE))))
                .stream().map(LogCapture::describe).toList();
    }

    /** Every WARN or worse, but the test backend's. */
    public List<String> warnings() {
        return matching(e -> !fromTheTestBackend(e) && e.getLevel().isGreaterOrEqual(Level.WARN))
                .stream().map(LogCapture::describe).toList();
    }

    /** Netty's default thread names: the proxy's threads are all named {@code localhome-*}. */
    private static boolean fromTheTestBackend(ILoggingEvent event) {
        return event.getThreadName().startsWith("multiThreadIoEventLoopGroup");
    }

    /**
     * Waits, at most {@code max}, until at least {@code count} events match {@code predicate}: for a test that asserts
     * what was (not) logged about connections the daemon handles on its own threads, once it has handled them.
     *
     * @return whether they arrived in time
     */
    public boolean awaitMatching(int count, Predicate<ILoggingEvent> predicate, java.time.Duration max)
            throws InterruptedException {
        try {
            return Await.within(max, () -> matching(predicate).size() >= count);
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits, at most {@code max}, until nothing new has been logged for {@code quiet}: the lines a just-closed
     * connection writes on the daemon's threads are in by then. Bounded; returns whether it settled.
     */
    public boolean awaitQuiet(java.time.Duration quiet, java.time.Duration max) throws InterruptedException {
        int[] seen = {-1};
        long[] quietSince = {System.nanoTime()};
        try {
            return Await.within(max, () -> {
                int now = events().size();
                if (now == seen[0]) return System.nanoTime() - quietSince[0] >= quiet.toNanos();
                seen[0] = now;
                quietSince[0] = System.nanoTime();
                return false;
            });
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void clear() {
        synchronized (appender) {
            appender.list.clear();
        }
    }

    public static String describe(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause())
            text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
        return text.toString();
    }

    @Override
    public void close() {
        for (Logger logger : attached) logger.detachAppender(appender);
        appender.stop();
    }
}
