package dev.localhome.bootstrap.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.cli.CommandLineRun;
import dev.localhome.bootstrap.cli.common.Failures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code localhome mcp} on the command line; serving itself is {@code McpEndToEndTest}'s. */
class McpCommandTest {
    @TempDir
    Path home;

    @Test
    void helpAndCompletionListTheMcpCommand() {
        CommandLineRun cli = new CommandLineRun(home);

        assertThat(cli.localhome("--help")).isZero();
        assertThat(cli.out()).containsPattern("(?m)^\\s+mcp\\s+Serve the Model Context Protocol on stdio");
        assertThat(cli.localhome("completion")).isZero();
        assertThat(cli.out()).contains("mcp");
    }

    @Test
    void portZeroIsRefusedBeforeServingSinceNoDaemonCanBeFoundThere() {
        CommandLineRun cli = new CommandLineRun(home);

        assertThat(cli.localhome("mcp", "--port", "0")).isEqualTo(Failures.CONFIG_ERROR);
        assertThat(cli.err()).contains("give the running daemon's port with --port");
        assertThat(cli.out()).isEmpty();
    }
}
