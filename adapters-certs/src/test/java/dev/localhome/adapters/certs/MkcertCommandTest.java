package dev.localhome.adapters.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class MkcertCommandTest {
    @TempDir
    Path bin;

    @Test
    void withoutMkcertOnThePathThereIsNoAnswer() {
        assertThat(new MkcertCommand(Map.of("PATH", bin.toString())).get()).isEmpty();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void mkcertOnThePathIsAskedForItsCaRoot() throws Exception {
        fakeMkcert("#!/bin/sh\n[ \"$1\" = -CAROOT ] && echo \"$CAROOT\"\n");

        var answer = new MkcertCommand(Map.of("PATH", "/nonexistent:" + bin, "CAROOT", "/somewhere/mkcert")).get();

        assertThat(answer).contains(Path.of("/somewhere/mkcert"));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aWedgedMkcertIsGivenUpOn() throws Exception {
        fakeMkcert("#!/bin/sh\nexec sleep 30\n");
        long started = System.nanoTime();

        var answer = new MkcertCommand(Map.of("PATH", bin.toString()), 200).get();

        assertThat(answer).isEmpty();
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }

    private void fakeMkcert(String script) throws Exception {
        Path mkcert = bin.resolve("mkcert");
        Files.writeString(mkcert, script);
        Files.setPosixFilePermissions(mkcert, PosixFilePermissions.fromString("rwx------"));
    }
}
