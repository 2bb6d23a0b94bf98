package dev.localhome.adapters.discovery;

import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.ServiceName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@code /proc/<pid>} says about one process: the name it answers to and its command line. */
final class ProcFsProcess {
    private static final Logger log = LoggerFactory.getLogger(ProcFsProcess.class);
    private static final byte[] NAME_KEY = "NAME=".getBytes(StandardCharsets.US_ASCII);

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

    /** The process with its command line (NULs as spaces, shortened); empty command if it is unreadable. */
    static ProcessInfo info(Path pidDirectory, long pid) {
        String command = "";
        try {
            byte[] cmdline = Files.readAllBytes(pidDirectory.resolve("cmdline"));
            command = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | SecurityException e) {
            log.debug("no command line for {}: {}", pid, e.getClass().getSimpleName());
        }
        return new ProcessInfo(pid, Commands.shorten(command));
    }

    private static boolean startsWithNameKey(byte[] environ, int start, int end) {
        if (end - start < NAME_KEY.length) return false;
        for (int i = 0; i < NAME_KEY.length; i++) {
            if (environ[start + i] != NAME_KEY[i]) return false;
        }
        return true;
    }
}
