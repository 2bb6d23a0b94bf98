package dev.localhome.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsProcessTest {

    private static byte[] environ(String entries) {
        return entries.replace('|', '\0').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsNameAmongOtherVariables() {
        assertThat(ProcFsProcess.nameIn(environ("HOME=/home/ann|NAME=web|PATH=/usr/bin|"))).contains("web");
    }

    @Test
    void findsNameInTheLastEntryWithoutATrailingNul() {
        assertThat(ProcFsProcess.nameIn(environ("HOME=/home/ann|NAME=api.shop"))).contains("api.shop");
    }

    @Test
    void variablesThatMerelyEndInNameDoNotCount() {
        assertThat(ProcFsProcess.nameIn(environ("HOSTNAME=box|USERNAME=ann|NAME_PREFIX=x|"))).isEmpty();
    }

    @Test
    void anEmptyEnvironmentHasNoName() {
        assertThat(ProcFsProcess.nameIn(new byte[0])).isEmpty();
    }

    @Test
    void anEmptyNameIsReportedAsEmptyForTheCallerToReject() {
        assertThat(ProcFsProcess.nameIn(environ("NAME=|"))).contains("");
    }

    @Test
    void readsTheStartTimeAfterACommandNameWithBlanksAndParentheses() {
        String stat = "4242 (my (odd) server) S 1 4242 4242 0 -1 4194560 1083 0 0 0 3 1 0 0 20 0 1 0 123456 "
                + "12345678 900 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 3 0 0 0 0 0";

        assertThat(ProcFsProcess.startTicks(stat)).contains(123456L);
    }

    @Test
    void aTruncatedStatHasNoStartTime() {
        assertThat(ProcFsProcess.startTicks("4242 (x) S 1 2 3")).isEmpty();
        assertThat(ProcFsProcess.startTicks("garbage")).isEmpty();
    }

    @Test
    void startTimeIsBootTimePlusTicksAndTheWorkingDirectoryIsTheCwdLink(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("stat"), "cpu  1 2 3 4\nintr 5\nbtime 1700000000\nprocesses 9\n");
        Path pid = Files.createDirectories(root.resolve("42"));
        Files.writeString(pid.resolve("stat"), "42 (node) S 1 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 250 0 0");
        Files.writeString(pid.resolve("cmdline"), "node\0server.js\0");
        Files.createSymbolicLink(pid.resolve("cwd"), Path.of("/home/ann/my app"));

        Optional<Instant> boot = ProcFsProcess.bootTime(root);
        var process = ProcFsProcess.info(pid, 42, boot);

        assertThat(boot).contains(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(process.startedAt()).contains(Instant.ofEpochSecond(1_700_000_002L).plusMillis(500));
        assertThat(process.workingDirectory()).isEqualTo("/home/ann/my app");
        assertThat(process.command()).isEqualTo("node server.js");
    }

    @Test
    void aProcessThatIsGoneHasNoWorkingDirectoryNorStartTime(@TempDir Path root) {
        var process = ProcFsProcess.info(root.resolve("99"), 99, Optional.of(Instant.EPOCH));

        assertThat(process.workingDirectory()).isEmpty();
        assertThat(process.startedAt()).isEmpty();
    }
}
