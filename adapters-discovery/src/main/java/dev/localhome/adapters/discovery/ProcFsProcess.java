package dev.localhome.adapters.discovery;

import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.ServiceName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code /proc/<pid>} says about one process: the name it answers to, its command line, working directory and
 * start time.
 */
final class ProcFsProcess {
    private static final Logger log = LoggerFactory.getLogger(ProcFsProcess.class);
    private static final byte[] NAME_KEY = "NAME=".getBytes(StandardCharsets.US_ASCII);
    private static final int STARTTIME_FIELD = 22;
    /**
     * {@code USER_HZ}, the unit of {@code starttime}: 100 on every Linux architecture the JDK runs on (the kernel
     * keeps it fixed for user space whatever its internal tick rate), and Java cannot ask {@code sysconf}.
     */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcFsProcess() {}

    /**
     * The valid {@code NAME} in the process's environment, or empty when it has none, it is not a name, the
     * environment is unreadable (another user's process) or the process is gone. The environment itself is never
     * logged nor kept: it holds secrets.
     */
    static Optional<ServiceName> name(Path pidDirectory) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(pidDirectory.resolve("environ"));
        } catch (IOException | SecurityException e) {
            log.debug("no environment for {}: {}", pidDirectory.getFileName(), e.getClass().getSimpleName());
            return Optional.empty();
        }
        return nameIn(environ).flatMap(ServiceName::parse);
    }

    /** The raw value of {@code NAME} in a NUL-separated environment block. */
    static Optional<String> nameIn(byte[] environ) {
        int start = 0;
        while (start < environ.length) {
            int end = start;
            while (end < environ.length && environ[end] != 0) end++;
            if (startsWithNameKey(environ, start, end)) {
                int valueStart = start + NAME_KEY.length;
                return Optional.of(new String(environ, valueStart, end - valueStart, StandardCharsets.UTF_8));
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    /**
     * The process with its command line (NULs as spaces, shortened), working directory and start time; each is
     * empty when unreadable (another user's process, or one that just exited). {@code bootTime} is when the machine
     * booted, from {@link #bootTime}; without it the start time is unknown.
     */
    static ProcessInfo info(Path pidDirectory, long pid, Optional<Instant> bootTime) {
        String command = "";
        try {
            byte[] cmdline = Files.readAllBytes(pidDirectory.resolve("cmdline"));
            command = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | SecurityException e) {
            log.debug("no command line for {}: {}", pid, e.getClass().getSimpleName());
        }
        return new ProcessInfo(pid, Commands.shorten(command), workingDirectory(pidDirectory),
                bootTime.flatMap(boot -> startedAt(pidDirectory, boot)));
    }

    /** The target of {@code /proc/<pid>/cwd}, or empty when it cannot be read. */
    static String workingDirectory(Path pidDirectory) {
        try {
            return Files.readSymbolicLink(pidDirectory.resolve("cwd")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    private static Optional<Instant> startedAt(Path pidDirectory, Instant bootTime) {
        try {
            return startTicks(Files.readString(pidDirectory.resolve("stat"), StandardCharsets.UTF_8))
                    .map(ticks -> bootTime.plusMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND));
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * Field 22 of {@code /proc/<pid>/stat}, {@code starttime}: clock ticks from boot to the process's start. The
     * second field, the command name in parentheses, may itself hold blanks and parentheses, so fields are counted
     * from the last {@code ')'}.
     */
    static Optional<Long> startTicks(String stat) {
        int commandEnd = stat.lastIndexOf(')');
        if (commandEnd < 0) return Optional.empty();
        String[] fields = stat.substring(commandEnd + 1).strip().split("\\s+");
        int index = STARTTIME_FIELD - 3; // fields[0] is field 3, the state
        if (fields.length <= index) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(fields[index]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** When the machine booted: the {@code btime} line of {@code /proc/stat}, or empty when there is none. */
    static Optional<Instant> bootTime(Path procRoot) {
        try (var lines = Files.lines(procRoot.resolve("stat"), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.startsWith("btime "))
                    .findFirst()
                    .map(line -> Instant.ofEpochSecond(Long.parseLong(line.substring("btime ".length()).strip())));
        } catch (IOException | SecurityException | NumberFormatException | java.io.UncheckedIOException e) {
            log.debug("no boot time under {}: {}", procRoot, e.toString());
            return Optional.empty();
        }
    }

    private static boolean startsWithNameKey(byte[] environ, int start, int end) {
        if (end - start < NAME_KEY.length) return false;
        for (int i = 0; i < NAME_KEY.length; i++) {
            if (environ[start + i] != NAME_KEY[i]) return false;
        }
        return true;
    }
}
