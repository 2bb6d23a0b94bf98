package dev.localhome.bootstrap.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.cli.CommandLineRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code localhome install} / {@code uninstall} on Linux, against a stand-in {@code systemctl} on the test's PATH. */
@EnabledOnOs(OS.LINUX)
class InstallCommandTest {
    @TempDir
    Path home;

    private CommandLineRun cli;
    private Path bin;
    private Path calls;
    private Path unit;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CommandLineRun(home);
        bin = Files.createDirectories(home.resolve("bin"));
        calls = home.resolve("systemctl-calls");
        unit = home.resolve(".config/systemd/user/localhome.service");
    }

    /** A {@code systemctl} that writes down how it was called, says {@code output} and exits with {@code exitCode}. */
    private void systemctl(int exitCode, String output) throws IOException {
        Path script = bin.resolve("systemctl");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '%s'\necho '%s'\nexit %d\n".formatted(calls, output, exitCode));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        cli.variables.put("PATH", bin.toString());
    }

    private List<String> systemctlCalls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    @Test
    void installWritesTheUnitWithTheDaemonsJvmFlagsAndTheGivenFlagsAndStartsItUnderTheUserManager() throws IOException {
        systemctl(0, "");

        assertThat(cli.localhome("install", "--port", "9191", "--name", "dash")).isZero();

        String text = Files.readString(unit);
        // the daemon's JVM flags (jvm.options, as ./localhome uses them), then the jar or class path, then ours
        String jvmFlags = Pattern.quote(String.join(" ", JvmOptions.daemon()));
        assertThat(text).containsPattern("(?m)^ExecStart=/\\S+/java " + jvmFlags
                + " (-cp \\S+ dev\\.localhome\\.bootstrap\\.Main|-jar \\S+) --port 9191 --name dash$");
        assertThat(text).contains("Environment=LOCALHOME_LOG_FILE=" + home.resolve(".local/state/localhome/localhome.log"),
                "Restart=on-failure", "WantedBy=default.target");
        assertThat(systemctlCalls()).containsExactly("--user daemon-reload", "--user enable localhome.service",
                "--user restart localhome.service");
        assertThat(cli.out()).contains("Created " + unit, "Started localhome.service", "localhome status",
                "localhome logs");
    }

    @Test
    void installingTwiceUpdatesTheUnitAndRestartsTheService() throws IOException {
        systemctl(0, "");
        assertThat(cli.localhome("install")).isZero();

        assertThat(cli.localhome("install", "--port", "9292")).isZero();

        assertThat(cli.out()).contains("Updated " + unit);
        assertThat(Files.readString(unit)).contains("--port 9292");
        assertThat(systemctlCalls()).filteredOn(call -> call.contains("restart")).hasSize(2);
    }

    @Test
    void withoutAUserManagerTheUnitIsWrittenAndTheMessageSaysHowToStartTheDaemonByHand() throws IOException {
        systemctl(1, "Failed to connect to bus: No medium found");

        assertThat(cli.localhome("install")).isEqualTo(1);

        assertThat(unit).exists();
        assertThat(cli.err()).contains("NOT running", "Failed to connect to bus: No medium found",
                "loginctl enable-linger", "nohup ", "LOCALHOME_LOG_FILE=");
    }

    @Test
    void withoutSystemctlAtAllTheUnitIsWrittenAndTheUserIsTold() {
        assertThat(cli.localhome("install")).isEqualTo(1);

        assertThat(unit).exists();
        assertThat(cli.err()).contains("systemctl: command not found", "start the daemon by hand");
    }

    @Test
    void aBrokenConfigStopsInstallBeforeAnythingIsWritten() throws IOException {
        systemctl(0, "");
        Files.writeString(home.resolve("localhome.local.json"), "{\"port\": \"abc\"}");

        assertThat(cli.localhome("install")).isEqualTo(2);

        assertThat(unit).doesNotExist();
        assertThat(systemctlCalls()).isEmpty();
    }

    @Test
    void uninstallStopsDisablesAndRemovesTheUnit() throws IOException {
        systemctl(0, "");
        cli.localhome("install");

        assertThat(cli.localhome("uninstall")).isZero();

        assertThat(unit).doesNotExist();
        assertThat(systemctlCalls()).contains("--user disable --now localhome.service");
        assertThat(cli.out()).contains("Stopped and disabled localhome.service", "Removed " + unit);
    }

    @Test
    void uninstallingWhenNothingIsInstalledSaysSoAndSucceeds() throws IOException {
        systemctl(0, "");

        assertThat(cli.localhome("uninstall")).isZero();

        assertThat(cli.out()).contains("not installed");
        assertThat(systemctlCalls()).isEmpty();
    }

    @Test
    void uninstallWithoutAUserManagerStillRemovesTheUnit() throws IOException {
        systemctl(0, "");
        cli.localhome("install");
        systemctl(1, "Failed to connect to bus: No medium found");

        assertThat(cli.localhome("uninstall")).isZero();

        assertThat(unit).doesNotExist();
        assertThat(cli.out()).contains("Could not stop it through systemd");
    }
}
