package dev.localhome.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void badArgumentsExitWith2AndSayWhatIsWrong() throws Exception {
        Cli unknownMode = Cli.run("--mode", "carrier-pigeon", "--server", "127.0.0.1:1");
        assertThat(unknownMode.status()).isEqualTo(2);
        assertThat(unknownMode.err()).contains("unknown mode 'carrier-pigeon'");
        assertThat(unknownMode.out()).isEmpty();

        Cli noCa = Cli.run("--mode", "mitm", "--server", "127.0.0.1:1");
        assertThat(noCa.status()).isEqualTo(2);
        assertThat(noCa.err()).contains("needs --ca");

        Cli badDuration = Cli.run("--mode", "direct", "--server", "127.0.0.1:1", "--duration", "soon");
        assertThat(badDuration.status()).isEqualTo(2);
        assertThat(badDuration.err()).contains("--duration needs a duration like 10s");
    }

    @Test
    void helpListsEveryModeAndSaysWhyOneThread() throws Exception {
        Cli help = Cli.run("--help");
        assertThat(help.status()).isZero();
        for (Mode mode : Mode.values()) assertThat(help.out()).contains("  " + mode.cliName + " ");
        assertThat(help.out()).contains("--threads N").contains("2-core");
    }

    @Test
    void countAloneIsCappedAndDurationDefaultsToTenSeconds() throws Exception {
        assertThat(Options.parse(new String[] {"--mode", "direct", "--server", "h:1"}).duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Options.parse(new String[] {"--mode", "direct", "--server", "h:1", "--count", "5"}).duration())
                .isEqualTo(Options.COUNT_ONLY_CAP);
        assertThat(Options.duration("d", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Options.duration("d", "2m")).isEqualTo(Duration.ofMinutes(2));
    }
}
