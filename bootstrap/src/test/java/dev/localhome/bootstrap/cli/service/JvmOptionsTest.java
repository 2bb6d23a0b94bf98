package dev.localhome.bootstrap.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {
    @Test
    void commentsAndBlankLinesAreNotFlags() {
        assertThat(JvmOptions.parse("""
                # why the first flag
                -XX:+UseSerialGC
                   -Xms16m -Xmx64m   # two on a line, then a comment

                -Xlog:disable -Xlog:all=warning:stderr
                """)).containsExactly("-XX:+UseSerialGC", "-Xms16m", "-Xmx64m", "-Xlog:disable",
                "-Xlog:all=warning:stderr");
    }

    @Test
    void theDaemonsFlagsBoundTheHeapAndAreAcceptedByThisJava() throws IOException, InterruptedException {
        List<String> flags = JvmOptions.daemon();
        assertThat(flags).anyMatch(flag -> flag.startsWith("-Xmx")).allMatch(flag -> flag.startsWith("-"));

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-version"); // a misspelt or unknown flag makes the JVM refuse to start
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
    }

    @Test
    void jdk25GetsItsOwnFlagsAfterTheCommonOnesAndJdk17None() {
        List<String> common = JvmOptions.forFeatureVersion(17);
        List<String> jdk25 = JvmOptions.forFeatureVersion(25);
        assertThat(common).doesNotContain("-XX:+UseCompactObjectHeaders");
        assertThat(jdk25).startsWith(common.toArray(String[]::new)).contains("-XX:+UseCompactObjectHeaders");
        assertThat(JvmOptions.forFeatureVersion(26)).isEqualTo(jdk25);
    }
}
