package dev.localhome.plugins.npmnames;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.daemon.Daemon;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as a user gets it: the real daemon, in-process, with this plugin on its class path and turned on in the
 * config; a real child process started the way {@code npm run dev} starts one, with {@code npm_package_name} and no
 * {@code NAME}; a request for {@code my-shop.localhost} through the daemon.
 */
@EnabledOnOs(OS.LINUX)
class NpmNamesEndToEndTest {
    static {
        // surefire sets this (parent pom); repeated here so the test also runs from an IDE
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null)
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aServerStartedByNpmRunWithoutNameIsRoutedByItsPackageName() throws Exception {
        try (Daemon daemon = daemonWithThePluginOn();
             DevServer shop = DevServer.start("my-shop", Map.of("npm_package_name", "my-shop"), directory)) {
            HttpResponse<String> response = get(daemon, "my-shop");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello from my-shop");
        }
    }

    @Test
    void aServerWithoutPackageNameIsRoutedByItsProjectDirectory() throws Exception {
        Path project = Files.createDirectories(directory.resolve("projects/cart-app"));
        try (Daemon daemon = daemonWithThePluginOn();
             DevServer cart = DevServer.start("cart", Map.of(), project)) {
            HttpResponse<String> response = get(daemon, "cart-app");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello from cart");
        }
    }

    @Test
    void withThePluginOffTheSameServerIsNotRouted() throws Exception {
        Path home = Files.createDirectories(directory.resolve("home"));
        try (Daemon daemon = Daemon.start(Config.defaults().withPort(0), Environment.of(Map.of(), home, home));
             DevServer shop = DevServer.start("unnamed", Map.of("npm_package_name", "my-unnamed-shop"), directory)) {
            assertThat(get(daemon, "my-unnamed-shop").statusCode()).isEqualTo(404);
        }
    }

    private Daemon daemonWithThePluginOn() throws IOException {
        Path home = Files.createDirectories(directory.resolve("home"));
        Path projects = Files.createDirectories(directory.resolve("projects"));
        Config config = Config.defaults().withPort(0).withPlugin(NpmNamesPlugin.NAME,
                Map.of("enabled", true, "directoriesUnder", projects.toString()));
        return Daemon.start(config, Environment.of(Map.of("HOME", home.toString()), home, home));
    }

    private HttpResponse<String> get(Daemon daemon, String name) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + "/"))
                .header("Host", name + ".localhost:" + daemon.port()).timeout(Duration.ofSeconds(20)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@link TinyServer} in a child process, without {@code NAME}, with {@code variables}, in {@code cwd}. */
    private record DevServer(Process process) implements AutoCloseable {
        static DevServer start(String greeting, Map<String, String> variables, Path cwd)
                throws IOException, InterruptedException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), TinyServer.class.getName(), greeting)
                    .directory(cwd.toFile()).redirectErrorStream(true);
            builder.environment().remove("NAME");
            builder.environment().remove("npm_package_name");
            builder.environment().putAll(variables);
            Process process = builder.start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null) {
                if (line.startsWith("READY:")) return new DevServer(process);
            }
            throw new IOException("the dev server exited with " + process.waitFor(10, TimeUnit.SECONDS));
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
