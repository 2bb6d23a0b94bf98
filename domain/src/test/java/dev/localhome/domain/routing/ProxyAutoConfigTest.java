package dev.localhome.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.localhome.domain.ServiceName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The PAC file run in Node, with the two PAC helpers it uses defined as browsers define them ({@code isPlainHostName}:
 * no dot; {@code isResolvable}: the name resolves, here for the names a test says do). It sends localhome only what
 * localhome serves, so every other name loads as it does without the PAC.
 */
class ProxyAutoConfigTest {
    private static final int PORT = 9090;
    private static final String PAC = ProxyAutoConfig.forPort(PORT,
            List.of(new ServiceName("app"), new ServiceName("_home"), new ServiceName("api.shop"), new ServiceName("home")));

    @Test
    void aServiceGoesToLocalhomeWhateverItsNameResolvesTo() throws Exception {
        assertThat(findProxy("http://app/x", "app", Set.of())).isEqualTo(proxy("app"));
        assertThat(findProxy("https://app:3001/x", "app", Set.of("app"))).isEqualTo(proxy("app"));
        assertThat(findProxy("http://_home/", "_home", Set.of())).isEqualTo(proxy("_home"));
        assertThat(findProxy("http://home/", "home", Set.of("home"))).isEqualTo(proxy("home"));
    }

    @Test
    void aBareNameThatIsNoServiceButResolvesGoesDirect() throws Exception {
        // a hosts-file name or an intranet host: exactly as without the PAC
        assertThat(findProxy("http://vmhost/", "vmhost", Set.of("vmhost"))).isEqualTo("DIRECT");
        assertThat(findProxy("https://vmhost/", "vmhost", Set.of("vmhost"))).isEqualTo("DIRECT");
        assertThat(findProxy("http://go/x", "go", Set.of("go"))).isEqualTo("DIRECT");
    }

    @Test
    void aBareNameThatResolvesNowhereGoesToLocalhomeForItsPageOfServices() throws Exception {
        // and a service started after the PAC was fetched is reached this way too: its name resolves nowhere
        assertThat(findProxy("http://nope/", "nope", Set.of())).isEqualTo(proxy("nope"));
        assertThat(findProxy("http://started-later:3000/", "started-later", Set.of())).isEqualTo(proxy("started-later"));
    }

    @Test
    void dottedNamesLocalhostAndOddHostsGoDirect() throws Exception {
        assertThat(findProxy("http://api.shop/", "api.shop", Set.of())).isEqualTo("DIRECT"); // nested: by .localhost only
        assertThat(findProxy("https://web.app/", "web.app", Set.of())).isEqualTo("DIRECT"); // .app is a real TLD
        assertThat(findProxy("http://localhost:3000/", "localhost", Set.of())).isEqualTo("DIRECT");
        assertThat(findProxy("http://127.0.0.1/", "127.0.0.1", Set.of())).isEqualTo("DIRECT");
        assertThat(findProxy("http://[::1]/", "::1", Set.of())).isEqualTo("DIRECT");
    }

    @Test
    void namesAreCaseInsensitive() throws Exception {
        assertThat(findProxy("http://APP/", "APP", Set.of("app"))).isEqualTo(proxy("app"));
    }

    @Test
    void theListHoldsOnlyBareNames() {
        assertThat(PAC).contains("var LOCALHOME_NAMES = [\"_home\", \"app\", \"home\"];");
    }

    private static String proxy(String name) {
        return "PROXY " + name + ".localhost:" + PORT + "; DIRECT";
    }

    /** Runs the PAC file in Node, as a browser's PAC engine would. */
    static String findProxy(String url, String host, Set<String> resolvable) throws IOException, InterruptedException {
        String names = resolvable.stream().map(n -> "\"" + n + "\"").reduce((a, b) -> a + "," + b).orElse("");
        String script = "function isPlainHostName(h) { return h.indexOf('.') < 0; }\n"
                + "function isResolvable(h) { return [" + names + "].indexOf(h) >= 0; }\n" + PAC
                + "\nprocess.stdout.write(FindProxyForURL(process.argv[1], process.argv[2]));";
        Process node;
        try {
            node = new ProcessBuilder("node", "-e", script, url, host).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeThat(false).as("node is on the PATH (.ci/run installs it)").isTrue();
            throw e;
        }
        node.getOutputStream().close();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(20, TimeUnit.SECONDS)).as("node finished").isTrue();
        return out;
    }
}
