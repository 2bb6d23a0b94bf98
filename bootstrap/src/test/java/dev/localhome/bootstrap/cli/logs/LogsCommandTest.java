package dev.localhome.bootstrap.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.cli.CommandLineRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {
    @TempDir
    Path home;

    private Path defaultLogFile() throws IOException {
        Path file = home.resolve(".local/state/localhome/localhome.log");
        Files.createDirectories(file.getParent());
        return file;
    }

    private static String numberedLines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    @Test
    void logsWithoutALogFileSaysWhereTheServiceWouldLogAndWhereTheForegroundDaemonLogs() {
        CommandLineRun cli = new CommandLineRun(home);

        assertThat(cli.localhome("logs")).isEqualTo(1);

        assertThat(cli.err()).contains("no log file at " + home.resolve(".local/state/localhome/localhome.log"),
                "localhome install", "logs to that terminal");
    }

    @Test
    void logsPrintsTheLastFiftyLinesOfTheServicesLogFileAndNamesItOnStderr() throws IOException {
        Files.writeString(defaultLogFile(), numberedLines(1, 60));
        CommandLineRun cli = new CommandLineRun(home);

        assertThat(cli.localhome("logs")).isZero();

        assertThat(cli.out()).isEqualTo(numberedLines(11, 60).replace("\n", System.lineSeparator()));
        assertThat(cli.err()).contains(home.resolve(".local/state/localhome/localhome.log").toString());
    }

    @Test
    void logsHonoursTheLogFileVariableAndALineCount() throws IOException {
        Path file = Files.writeString(home.resolve("elsewhere.log"), numberedLines(1, 5));
        CommandLineRun cli = new CommandLineRun(home);
        cli.variables.put("LOCALHOME_LOG_FILE", file.toString());

        assertThat(cli.localhome("logs", "-n", "2")).isZero();

        assertThat(cli.out()).isEqualTo(numberedLines(4, 5).replace("\n", System.lineSeparator()));
    }

    @Test
    void followingPrintsWhatIsAppendedAndStartsOverWhenTheFileIsRolled() throws Exception {
        Path file = Files.writeString(defaultLogFile(), "old\n");
        StringWriter out = new StringWriter();
        long end = LogTail.last(file, 50, new PrintWriter(out, true));
        AtomicInteger rounds = new AtomicInteger();

        LogTail.follow(file, end, new PrintWriter(out, true), () -> {
            try {
                switch (rounds.incrementAndGet()) {
                    case 2 -> Files.writeString(file, "appended\n", java.nio.file.StandardOpenOption.APPEND);
                    case 4 -> Files.writeString(file, "rolled\n"); // shorter than before: a new file
                    default -> { }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return rounds.get() < 6;
        });

        assertThat(out.toString()).isEqualTo("old" + System.lineSeparator() + "appended\nrolled\n");
    }
}
