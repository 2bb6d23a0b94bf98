package dev.localhome.bootstrap.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Marks along the daemon's start, printed to stderr when the system property {@code localhome.startup.trace} is
 * {@code true} (with the archive: {@code JAVA_TOOL_OPTIONS=-Dlocalhome.startup.trace=true localhome}): the time since
 * the JVM started, the CPU the process and the calling thread have used so far, so a slow step shows as a jump. Off,
 * a mark costs one volatile read. {@code TRACE=1 bench/run startup} prints them for the archive.
 */
public final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("localhome.startup.trace");
    /** Where the marks go, once {@code Main} (the one class that touches the standard streams) has said so. */
    private static volatile PrintStream out;
    /** The clock ticks of /proc/<pid>/stat's CPU times: 100 a second on every Linux the daemon runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private StartupTrace() {}

    /** Sends the marks to {@code stream} when tracing is on; without this call there are none. */
    public static void writeTo(PrintStream stream) {
        if (ON) out = stream;
    }

    public static void mark(String step) {
        PrintStream stream = out;
        if (stream == null) return;
        long sinceStart = System.currentTimeMillis()
                - ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        // the thread's own CPU tells its steps apart from what other threads (JIT, loaders) did meanwhile
        stream.printf("startup: %5d ms wall  %5s ms process CPU  %5s ms thread CPU  %s [%s]%n", sinceStart,
                cpuMillis("/proc/self/stat"), cpuMillis("/proc/thread-self/stat"), step, Thread.currentThread().getName());
    }

    /** User and system CPU of the process (JIT and GC threads included) or of this thread, or "?" off Linux. */
    private static String cpuMillis(String statFile) {
        try {
            String stat = Files.readString(Path.of(statFile));
            // the command name may hold spaces: fields are counted after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            return String.valueOf(ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
