package dev.localhome.plugins.npmnames;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.Endpoint;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ServiceName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source over a made-up {@code /proc}: one table, a few processes, each a case. */
class NpmNamesDiscoveryTest {
    @TempDir
    Path root;

    private Path proc;
    private Path projects;

    @BeforeEach
    void setUp() throws IOException {
        proc = Files.createDirectories(root.resolve("proc"));
        projects = Files.createDirectories(root.resolve("projects"));
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 101 1
                   1: 00000000:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 102 1
                   2: 0100007F:1F92 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 103 1
                   3: 0100007F:1F93 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 104 1
                   4: 0101A8C0:1F94 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 105 1
                   5: 0100007F:1F95 0100007F:A000 01 00000000:00000000 00:00000000 00000000  1000        0 106 1
                """);
    }

    private void process(long pid, long inode, Path cwd, String... environ) throws IOException {
        Path directory = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.createDirectories(directory.resolve("fd"));
        Files.createSymbolicLink(directory.resolve("fd/3"), Path.of("socket:[" + inode + "]"));
        Files.createSymbolicLink(directory.resolve("cwd"), cwd);
        Files.write(directory.resolve("environ"), String.join("\0", environ).getBytes(StandardCharsets.UTF_8));
        Files.write(directory.resolve("cmdline"), ("node\0server-" + pid + ".js").getBytes(StandardCharsets.UTF_8));
    }

    private List<Listener> scan(NpmNamesSettings settings, long ownPid) throws IOException {
        return new NpmNamesDiscovery(proc, settings, ownPid).scan();
    }

    @Test
    void namesListenersAfterThePackageOrTheProjectDirectoryAndLeavesTheRestAlone() throws IOException {
        process(10, 101, Path.of("/anywhere"), "npm_package_name=@acme/shop");            // package name
        process(11, 102, projects.resolve("cart-app"), "PATH=/bin");                       // directory name
        process(12, 103, projects.resolve("named"), "NAME=api", "npm_package_name=x");     // has NAME: not ours
        process(13, 104, Path.of("/var/lib/db"), "PATH=/bin");                             // outside the projects
        process(14, 105, projects.resolve("lan"), "npm_package_name=lan");                 // not reachable on loopback

        List<Listener> found = scan(new NpmNamesSettings(true, true, projects), 1);

        assertThat(found).extracting(Listener::name, Listener::endpoint).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(new ServiceName("shop"), Endpoint.loopback(0x1F90)),
                org.assertj.core.groups.Tuple.tuple(new ServiceName("cart-app"), Endpoint.loopback(0x1F91)));
        assertThat(found).allSatisfy(listener -> assertThat(listener.process()).isPresent());
    }

    @Test
    void withoutDirectoryNamesOnlyPackageNamesCount() throws IOException {
        process(10, 101, Path.of("/anywhere"), "npm_package_name=shop");
        process(11, 102, projects.resolve("cart-app"), "PATH=/bin");

        assertThat(scan(new NpmNamesSettings(true, false, projects), 1)).extracting(Listener::name)
                .containsExactly(new ServiceName("shop"));
    }

    @Test
    void theDaemonItselfIsNeverNamed() throws IOException {
        process(10, 101, projects.resolve("localhome"), "npm_package_name=shop");

        assertThat(scan(new NpmNamesSettings(true, true, projects), 10)).isEmpty();
    }

    @Test
    void turnedOffItNamesNothing() throws IOException {
        process(10, 101, Path.of("/anywhere"), "npm_package_name=shop");

        assertThat(scan(NpmNamesSettings.off(), 1)).isEmpty();
    }

    @Test
    void withoutTheTcpTablesThereIsNothingToName() throws IOException {
        Files.delete(proc.resolve("net/tcp"));

        assertThat(scan(new NpmNamesSettings(true, true, projects), 1)).isEmpty();
    }
}
