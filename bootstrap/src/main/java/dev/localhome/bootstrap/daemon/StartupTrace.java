package dev.localhome.bootstrap.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Marks along the daemon's start, printed to stderr when the system property {@code localhome.startup.trace} is
 * {@code true} (with the archive: {@code JAVA_TOOL_OPTIONS=-Dlocalhome.startup.trace=true localhome}): the time since
 * the JVM started and the CPU the process has used so far, so a slow step shows as a jump in one or the other. Off,
 * a mark costs one static boolean test. {@code bench/startup/startup.sh --trace} prints them for the archive.
 */
public final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("localhome.startup.trace");
    /** The clock ticks of /proc/<pid>/stat's CPU times: 100 a second on every Linux the daemon runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private StartupTrace() {}

    public static void mark(String step) {
        if (!ON) return;
        long sinceStart = System.currentTimeMillis()
                - ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        System.err.printf("startup: %5d ms wall  %5s ms cpu  %s [%s]%n", sinceStart, cpuMillis(),
                step, Thread.currentThread().getName());
    }

    /** User and system CPU of the whole process (JIT and GC threads included), or "?" off Linux. */
    private static String cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the command name may hold spaces: fields are counted after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            return String.valueOf(ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
