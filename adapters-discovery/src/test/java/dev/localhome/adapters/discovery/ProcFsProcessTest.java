package dev.localhome.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
}
