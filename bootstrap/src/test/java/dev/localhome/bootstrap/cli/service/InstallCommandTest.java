package dev.localhome.bootstrap.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.cli.CommandLineRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code localhome install} / {@code uninstall} on Linux, run in-process as the installed copy's launcher would run
 * it ({@code LOCALHOME_LAUNCHER} names a stand-in {@code bin/localhome}), against a stand-in {@code systemctl} on the
 * test's PATH. The distribution's own launcher is tested the same way, for real, by {@code DistributionIT}.
 */
@EnabledOnOs(OS.LINUX)
class InstallCommandTest {
    @TempDir
    Path home;

    private CommandLineRun cli;
    private Path bin;
    private Path calls;
    private Path unit;
    private Path launcher;
    private Path link;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CommandLineRun(home);
        bin = Files.createDirectories(home.resolve("bin"));
        calls = home.resolve("systemctl-calls");
        unit = home.resolve(".config/systemd/user/localhome.service");
        launcher = Files.createDirectories(home.resolve("opt/localhome-1.0/bin")).resolve("localhome");
        Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        link = home.resolve(".local/bin/localhome");
        cli.variables.put("LOCALHOME_LAUNCHER", launcher.toString());
        cli.variables.put("PATH", bin.toString());
    }

    /** A {@code systemctl} that writes down how it was called, says {@code output} and exits with {@code exitCode}. */
    private void systemctl(int exitCode, String output) throws IOException {
        Path script = bin.resolve("systemctl");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '%s'\necho '%s'\nexit %d\n".formatted(calls, output, exitCode));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> systemctlCalls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    @Test
    void installLinksTheLauncherOntoThePathAndStartsAUnitThatRunsTheInstalledCopyWithTheGivenFlags() throws IOException {
        systemctl(0, "");

        assertThat(cli.localhome("install", "--port", "9191", "--name", "dash")).isZero();

        String text = Files.readString(unit);
        assertThat(text).containsPattern("(?m)^ExecStart=" + launcher + " run --port 9191 --name dash$");
        assertThat(text).contains("Environment=LOCALHOME_LOG_FILE=" + home.resolve(".local/state/localhome/localhome.log"),
                "Restart=on-failure", "WantedBy=default.target");
        assertThat(systemctlCalls()).containsExactly("--user daemon-reload", "--user enable localhome.service",
                "--user restart localhome.service");
        assertThat(link).isSymbolicLink();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(launcher);
        assertThat(cli.out()).contains("Created " + unit, "Started localhome.service", "localhome status",
                "localhome logs", "Linked " + link, home.resolve(".local/bin") + " is not on your PATH");
    }

    @Test
    void installingANewerCopyPointsTheUnitAndTheLinkAtItAndRestartsTheService() throws IOException {
        systemctl(0, "");
        assertThat(cli.localhome("install")).isZero();
        Path newer = Files.createDirectories(home.resolve("opt/localhome-2.0/bin")).resolve("localhome");
        Files.copy(launcher, newer);
        Files.setPosixFilePermissions(newer, PosixFilePermissions.fromString("rwxr-xr-x"));
        cli.variables.put("LOCALHOME_LAUNCHER", newer.toString());

        assertThat(cli.localhome("install", "--port", "9292")).isZero();

        assertThat(cli.out()).contains("Updated " + unit, "Updated " + link);
        assertThat(Files.readString(unit)).contains("ExecStart=" + newer + " run --port 9292");
        assertThat(Files.readSymbolicLink(link)).isEqualTo(newer);
        assertThat(systemctlCalls()).filteredOn(call -> call.contains("restart")).hasSize(2);
    }

    @Test
    void whenLocalhomeOnThePathIsTheInstalledCopyNoLinkIsMadeAndTheUnitRunsItThere() throws IOException {
        systemctl(0, "");
        Path usrBin = Files.createDirectories(home.resolve("usr/bin"));
        Files.createSymbolicLink(usrBin.resolve("localhome"), launcher); // as the Debian package lays it out
        cli.variables.put("PATH", bin + ":" + usrBin);

        assertThat(cli.localhome("install")).isZero();

        assertThat(link).doesNotExist();
        assertThat(Files.readString(unit)).contains("ExecStart=" + usrBin.resolve("localhome") + " run");
        assertThat(cli.out()).contains("On PATH: " + usrBin.resolve("localhome"));
    }

    @Test
    void installFromABuildFolderIsRefusedBeforeAnythingIsWritten() throws IOException {
        systemctl(0, "");
        cli.variables.remove("LOCALHOME_LAUNCHER"); // this test runs from target/classes: a build folder

        assertThat(cli.localhome("install")).isEqualTo(2);

        assertThat(cli.err()).contains("build folder", "mvn clean", "tar.gz", "bin/localhome install");
        assertThat(unit).doesNotExist();
        assertThat(link).doesNotExist();
        assertThat(systemctlCalls()).isEmpty();
    }

    @Test
    void withoutAUserManagerItSucceedsAndSaysHowToStartLocalhomeAtLogin() throws IOException {
        systemctl(1, "Failed to connect to bus: No medium found");
        cli.variables.remove("USER");

        assertThat(cli.localhome("install", "--port", "9393")).isZero();

        assertThat(cli.out()).contains("no systemd user manager here", "Failed to connect to bus: No medium found",
                "~/.profile", launcher + " status --port 9393 >/dev/null 2>&1 || LOCALHOME_LOG_FILE=",
                "nohup " + launcher + " run --port 9393 >/dev/null 2>&1 &", "/etc/wsl.conf",
                "loginctl enable-linger " + System.getProperty("user.name"), "localhome install --now");
        assertThat(cli.out()).doesNotContain("$USER");
    }

    @Test
    void withoutSystemctlAtAllNoUnitIsWrittenAndItSucceeds() throws IOException {
        Files.deleteIfExists(bin.resolve("systemctl"));

        assertThat(cli.localhome("install")).isZero();

        assertThat(unit).doesNotExist();
        assertThat(cli.out()).contains("systemctl is not installed", "~/.profile");
    }

    @Test
    void aBrokenConfigStopsInstallBeforeAnythingIsWritten() throws IOException {
        systemctl(0, "");
        Files.writeString(home.resolve("localhome.local.json"), "{\"port\": \"abc\"}");

        assertThat(cli.localhome("install")).isEqualTo(2);

        assertThat(unit).doesNotExist();
        assertThat(link).doesNotExist();
        assertThat(systemctlCalls()).isEmpty();
    }

    @Test
    void uninstallStopsDisablesAndRemovesTheUnitAndTheLink() throws IOException {
        systemctl(0, "");
        cli.localhome("install");

        assertThat(cli.localhome("uninstall")).isZero();

        assertThat(unit).doesNotExist();
        assertThat(link).doesNotExist();
        assertThat(systemctlCalls()).contains("--user disable --now localhome.service");
        assertThat(cli.out()).contains("Stopped and disabled localhome.service", "Removed " + unit, "Removed " + link);
    }

    @Test
    void uninstallingWhenNothingIsInstalledSaysSoAndSucceeds() throws IOException {
        systemctl(0, "");

        assertThat(cli.localhome("uninstall")).isZero();

        assertThat(cli.out()).contains("not installed");
        assertThat(systemctlCalls()).isEmpty();
    }

    @Test
    void uninstallLeavesALinkThatIsNotLocalhomesAlone() throws IOException {
        systemctl(0, "");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, home.resolve("somewhere-else"));

        assertThat(cli.localhome("uninstall")).isZero();

        assertThat(link).isSymbolicLink();
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
