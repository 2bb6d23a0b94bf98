package dev.localhome.bootstrap.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.config.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogFileTest {
    @TempDir
    Path home;

    @Test
    void theServiceLogFileDefaultsToTheXdgStateDirectoryUnderHome() {
        assertThat(LogFile.location(Environment.of(Map.of(), home, home)))
                .isEqualTo(home.resolve(".local/state/localhome/localhome.log"));
        assertThat(LogFile.location(Environment.of(Map.of("XDG_STATE_HOME", "/var/state"), home, home)))
                .isEqualTo(Path.of("/var/state/localhome/localhome.log"));
        assertThat(LogFile.location(Environment.of(Map.of("LOCALHOME_LOG_FILE", "/x/l.log"), home, home)))
                .isEqualTo(Path.of("/x/l.log"));
    }

    @Test
    void aDaemonWithTheLogFileVariableLogsToThatFileCreatingItsDirectory() throws IOException {
        Path file = home.resolve("state/localhome/localhome.log");
        try {
            LogLevels.apply(LogLevels.Mode.DAEMON, false,
                    Environment.of(Map.of("LOCALHOME_LOG_FILE", file.toString()), home, home));
            LoggerFactory.getLogger("dev.localhome.test").info("written to the service's log file");
        } finally {
            LogFile.restoreConsole();
        }

        assertThat(Files.readString(file)).contains("INFO", "written to the service's log file");
    }

    @Test
    void aOneShotCommandKeepsLoggingToStderrEvenWithTheVariableSet() {
        Path file = home.resolve("never.log");
        try {
            LogLevels.apply(LogLevels.Mode.ONE_SHOT, false,
                    Environment.of(Map.of("LOCALHOME_LOG_FILE", file.toString()), home, home));
            LoggerFactory.getLogger("dev.localhome.test").warn("to stderr");
        } finally {
            LogFile.restoreConsole();
        }

        assertThat(file).doesNotExist();
    }
}
