package dev.localhome.archfixtures.wrong.adapters.netty;

import ch.qos.logback.classic.Level;

/** Wrong: configuring the logging backend outside the composition root. */
final class BadNettyUsesLogback {
    final Level level = Level.DEBUG;
}
