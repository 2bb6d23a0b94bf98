package dev.localhome.bootstrap.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.cli.CommandLineRun;
import dev.localhome.bootstrap.cli.common.HostCommands;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The macOS agent's steps, against stand-in {@code launchctl} and {@code id} (any POSIX system runs these). */
@DisabledOnOs(OS.WINDOWS)
class LaunchdAgentTest {
    @TempDir
    Path home;

    private CommandLineRun cli;
    private Path calls;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final DaemonLaunch launch = new DaemonLaunch(Path.of("/usr/bin/java"), List.of("-jar", "/opt/localhome.jar"));

    @BeforeEach
    void setUp() throws IOException {
        cli = new CommandLineRun(home);
        Path bin = Files.createDirectories(home.resolve("bin"));
        calls = home.resolve("launchctl-calls");
        script(bin.resolve("launchctl"), "echo \"$*\" >> '%s'\nexit 0".formatted(calls));
        script(bin.resolve("id"), "echo 501");
        cli.variables.put("PATH", bin.toString());
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private LaunchdAgent agent() {
        return new LaunchdAgent(cli.environment(), new HostCommands(cli.environment()));
    }

    @Test
    void installWritesThePlistAndBootstrapsItIntoTheUsersGuiDomain() throws IOException {
        assertThat(agent().install(launch, java.util.Optional.empty(), new PrintWriter(out, true), new PrintWriter(err, true))).isZero();

        Path plist = home.resolve("Library/LaunchAgents/dev.localhome.plist");
        assertThat(Files.readString(plist)).contains("<string>/opt/localhome.jar</string>", "<key>RunAtLoad</key>");
        assertThat(Files.readAllLines(calls)).containsExactly("bootout gui/501/dev.localhome",
                "bootstrap gui/501 " + plist);
        assertThat(out.toString()).contains("Created " + plist, "Started dev.localhome");
    }

    @Test
    void uninstallBootsTheAgentOutAndRemovesThePlistAndSaysNotInstalledTheSecondTime() {
        agent().install(launch, java.util.Optional.empty(), new PrintWriter(out, true), new PrintWriter(err, true));
        Path plist = home.resolve("Library/LaunchAgents/dev.localhome.plist");

        assertThat(agent().uninstall(new PrintWriter(out, true), new PrintWriter(err, true))).isZero();
        assertThat(plist).doesNotExist();
        assertThat(out.toString()).contains("Removed " + plist);

        StringWriter again = new StringWriter();
        assertThat(agent().uninstall(new PrintWriter(again, true), new PrintWriter(err, true))).isZero();
        assertThat(again.toString()).contains("not installed");
    }
}
