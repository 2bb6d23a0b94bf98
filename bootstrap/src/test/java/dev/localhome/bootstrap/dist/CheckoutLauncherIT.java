package dev.localhome.bootstrap.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contributor's {@code ./localhome}, linked onto the PATH as {@code ~/.local/bin/localhome} would be: it finds
 * its checkout through the link. Runs after the package phase, so the jar is fresh and no build starts.
 */
@EnabledOnOs(OS.LINUX)
class CheckoutLauncherIT {
    private static final Path CHECKOUT = Path.of(System.getProperty("localhome.checkout", "..")).toAbsolutePath()
            .normalize();

    @TempDir
    Path home;

    @Test
    void aLinkToTheCheckoutsLauncherOnThePathRunsIt() throws Exception {
        Path bin = Files.createDirectories(home.resolve(".local/bin"));
        Files.createSymbolicLink(bin.resolve("localhome"), CHECKOUT.resolve("localhome"));

        Programs.Result version = Programs.run(List.of("sh", "-c", "localhome --version"), Map.of("HOME",
                home.toString(), "PATH", bin + ":" + System.getenv("PATH")), home);

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).containsPattern("(?m)^localhome \\S+ \\(commit \\w+, built \\S+\\)$");
    }
}
