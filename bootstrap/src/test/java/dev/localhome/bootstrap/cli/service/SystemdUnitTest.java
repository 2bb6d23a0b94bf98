package dev.localhome.bootstrap.cli.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitTest {
    @TempDir
    Path directory;

    private static final DaemonLaunch LAUNCH = new DaemonLaunch(Path.of("/usr/lib/jvm/java-17/bin/java"),
            List.of("-XX:+UseSerialGC", "-Xmx64m", "-Xlog:all=warning:stderr", "-jar", "/opt/localhome/localhome.jar",
                    "--port", "9090", "--name", "home"));

    @Test
    void theUnitRunsTheResolvedJavaWithItsFlagsAndTheJarWithOursRestartsOnFailureAndLogsToAFile() {
        assertThat(SystemdUnit.text(LAUNCH, Path.of("/home/me/.local/state/localhome/localhome.log"))).isEqualTo("""
                # Written by 'localhome install'; 'localhome uninstall' removes it. The next install overwrites edits.
                [Unit]
                Description=localhome: a name for every local dev server
                After=network.target

                [Service]
                Type=simple
                ExecStart=/usr/lib/jvm/java-17/bin/java -XX:+UseSerialGC -Xmx64m -Xlog:all=warning:stderr -jar /opt/localhome/localhome.jar --port 9090 --name home
                Environment=LOCALHOME_LOG_FILE=/home/me/.local/state/localhome/localhome.log
                Restart=on-failure
                RestartSec=2

                [Install]
                WantedBy=default.target
                """);
    }

    @Test
    void wordsWithSpacesQuotesPercentOrDollarAreQuotedAndEscapedForSystemd() {
        assertThat(SystemdUnit.word("/home/me/My Apps/localhome.jar")).isEqualTo("\"/home/me/My Apps/localhome.jar\"");
        assertThat(SystemdUnit.word("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(SystemdUnit.word("/srv/100%/x")).isEqualTo("/srv/100%%/x");
        assertThat(SystemdUnit.word("/srv/$HOME")).isEqualTo("\"/srv/$$HOME\"");
        assertThat(SystemdUnit.word("C:\\odd path")).isEqualTo("\"C:\\\\odd path\"");
    }

    @Test
    void systemdAnalyzeAcceptsTheGeneratedUnit() throws IOException, InterruptedException {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed here");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        DaemonLaunch launch = new DaemonLaunch(java, List.of("-jar", "/opt/local home/localhome.jar", "--port", "9090"));
        Path unit = Files.writeString(directory.resolve(SystemdUnit.FILE_NAME),
                SystemdUnit.text(launch, directory.resolve("state dir/localhome.log")));

        Process verify = new ProcessBuilder(analyze.toString(), "verify", unit.toString()).redirectErrorStream(true)
                .start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // verify also reports unrelated units of the machine it runs on; only lines about ours count
        assertThat(output.lines().filter(line -> line.contains(SystemdUnit.FILE_NAME))).isEmpty();
        assertThat(verify.exitValue()).as(output).isZero();
    }
}
