package dev.localhome.bootstrap.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localhome.bootstrap.cli.CommandLineRun;
import dev.localhome.bootstrap.cli.FakeDaemonApi;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.daemon.Daemon;
import dev.localhome.bootstrap.wiring.FixedListenerPlugin;
import dev.localhome.domain.ServiceName;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenCommandTest {
    @TempDir
    Path home;

    private static JsonNode facts(boolean interception) {
        return StatusCommand.parse("""
                {"name":"home","ca":{"interception":%s},
                 "services":[{"name":"app"},{"name":"api.shop"}]}""".formatted(interception), "test");
    }

    @Test
    void aOneLabelNameGetsHttpsWhenTheDaemonInterceptsHttps() {
        assertThat(OpenCommand.urlFor(new ServiceName("app"), facts(true), 9090)).contains("https://app/");
    }

    @Test
    void aNestedNameGetsTheLocalhostUrlEvenWithInterception() {
        assertThat(OpenCommand.urlFor(new ServiceName("api.shop"), facts(true), 9090))
                .contains("http://api.shop.localhost:9090/");
    }

    @Test
    void withoutInterceptionEveryNameGetsTheLocalhostUrl() {
        assertThat(OpenCommand.urlFor(new ServiceName("APP"), facts(false), 9090)).contains("http://app.localhost:9090/");
    }

    @Test
    void theDaemonsOwnNameOpensTheDashboard() {
        assertThat(OpenCommand.urlFor(new ServiceName("home"), facts(true), 9090)).contains("http://localhost:9090/");
    }

    @Test
    void aNameThatIsNotRunningHasNoUrl() {
        assertThat(OpenCommand.urlFor(new ServiceName("nope"), facts(true), 9090)).isEmpty();
    }

    @Test
    void openPrintsTheUrlOfAServiceTheRealDaemonKnows() {
        CommandLineRun cli = new CommandLineRun(home);
        try (Daemon daemon = Daemon.start(Config.defaults().withPort(0), cli.environment())) {
            assertThat(cli.localhome("open", FixedListenerPlugin.NAME.value(), "--port", String.valueOf(daemon.port())))
                    .isZero();

            assertThat(cli.out()).isEqualTo("http://%s.localhost:%d/%n".formatted(FixedListenerPlugin.NAME.value(),
                    daemon.port()));
        }
    }

    @Test
    void openOfAServiceThatIsNotRunningSaysHowToStartItAndExitsOne() throws IOException {
        CommandLineRun cli = new CommandLineRun(home);
        try (FakeDaemonApi daemon = new FakeDaemonApi()) {
            assertThat(cli.localhome("open", "web", "--port", String.valueOf(daemon.port()))).isEqualTo(1);

            assertThat(cli.err()).contains("no service named 'web' is running — start it with NAME=web");
        }
    }

    @Test
    void openWithBrowserAndNoBrowserLauncherStillPrintsTheUrlSaysSoAndExitsOne() throws IOException {
        CommandLineRun cli = new CommandLineRun(home);
        try (FakeDaemonApi daemon = new FakeDaemonApi()) {
            assertThat(cli.localhome("open", "app", "--browser", "--port", String.valueOf(daemon.port()))).isEqualTo(1);

            assertThat(cli.out()).isEqualTo("https://app/" + System.lineSeparator());
            assertThat(cli.err()).contains("could not open a browser (found no xdg-open on the PATH): open https://app/ "
                    + "yourself");
        }
    }

    @Test
    void openOfSomethingThatIsNotANameIsAUsageError() {
        CommandLineRun cli = new CommandLineRun(home);
        assertThat(cli.localhome("open", "not a name", "--port", "1")).isEqualTo(2);
    }
}
