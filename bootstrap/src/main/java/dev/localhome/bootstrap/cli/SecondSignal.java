package dev.localhome.bootstrap.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Once a stop is under way, a second SIGTERM or SIGINT (Ctrl-C pressed again) ends the process at once, without
 * waiting for the exchanges in flight: the way a user says "now". The JVM itself ignores signals while its shutdown
 * hooks run, so the handlers are replaced from inside the hook ({@code sun.misc.Signal}, module jdk.unsupported: the
 * JDK's one API for it).
 */
final class SecondSignal {
    private static final Logger log = LoggerFactory.getLogger(SecondSignal.class);

    private SecondSignal() {}

    /** From now on, SIGTERM and SIGINT halt the process with the shell's code for that signal (128 + its number). */
    static void haltsAtOnce() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    log.info("second {}: stopping now, without waiting for requests in flight", signal.getName());
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                log.debug("cannot handle SIG{}: {}", name, e.toString()); // a platform without it: the first stop goes on
            }
        }
    }
}
