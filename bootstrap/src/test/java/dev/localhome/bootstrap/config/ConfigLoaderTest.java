package dev.localhome.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localhome.domain.ServiceName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path root;

    private Path home;
    private Path project;
    private final Map<String, String> variables = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(root.resolve("home"));
        project = Files.createDirectories(root.resolve("project"));
    }

    private Config load(Flags flags) {
        return ConfigLoader.load(flags, Environment.of(variables, project, home));
    }

    private void userFile(String json) throws IOException {
        Path file = home.resolve(".config/localhome/config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    private void projectFile(String json) throws IOException {
        Files.writeString(project.resolve("localhome.local.json"), json);
    }

    private static Flags portFlag(int port) {
        return new Flags(port, null, null, null, null);
    }

    @Test
    void withNothingSetTheDefaultsApply() {
        assertThat(load(Flags.none())).isEqualTo(Config.defaults());
        assertThat(Config.defaults().port()).isEqualTo(9090);
        assertThat(Config.defaults().bindHost()).isEqualTo("127.0.0.1");
        assertThat(Config.defaults().ownName()).isEqualTo(new ServiceName("home"));
    }

    @Test
    void theUserFileBeatsTheDefaults() throws IOException {
        userFile("{\"port\": 8001, \"bind\": \"::1\", \"name\": \"_home\"}");

        Config config = load(Flags.none());

        assertThat(config.port()).isEqualTo(8001);
        assertThat(config.bindHost()).isEqualTo("::1");
        assertThat(config.ownName()).isEqualTo(new ServiceName("_home"));
    }

    @Test
    void theProjectFileBeatsTheUserFile() throws IOException {
        userFile("{\"port\": 8001, \"name\": \"mine\"}");
        projectFile("{\"port\": 8002}");

        Config config = load(Flags.none());

        assertThat(config.port()).isEqualTo(8002);
        assertThat(config.ownName()).isEqualTo(new ServiceName("mine")); // what the project file does not set stays
    }

    @Test
    void theEnvironmentBeatsTheProjectFile() throws IOException {
        projectFile("{\"port\": 8002, \"bind\": \"127.0.0.1\", \"mkcertCaRoot\": \"from-file\"}");
        variables.put("PORT", "8003");
        variables.put("BIND_HOST", "0.0.0.0");
        variables.put("MKCERT_CA_ROOT", "/ca/from-env");

        Config config = load(Flags.none());

        assertThat(config.port()).isEqualTo(8003);
        assertThat(config.bindHost()).isEqualTo("0.0.0.0");
        assertThat(config.mkcertCaRoot()).contains(Path.of("/ca/from-env"));
    }

    @Test
    void flagsBeatTheEnvironment() {
        variables.put("PORT", "8003");
        variables.put("BIND_HOST", "0.0.0.0");
        variables.put("MKCERT_CA_ROOT", "/ca/from-env");

        Config config = load(new Flags(8004, "127.0.0.2", "dash", Path.of("/ca/from-flag"), null));

        assertThat(config).isEqualTo(new Config(8004, "127.0.0.2", new ServiceName("dash"),
                Optional.of(Path.of("/ca/from-flag")), Map.of()));
    }

    @Test
    void xdgConfigHomeMovesTheUserFile() throws IOException {
        Path xdg = Files.createDirectories(root.resolve("xdg/localhome"));
        Files.writeString(xdg.resolve("config.json"), "{\"port\": 8005}");
        variables.put("XDG_CONFIG_HOME", root.resolve("xdg").toString());

        assertThat(load(Flags.none()).port()).isEqualTo(8005);
    }

    @Test
    void portZeroFromTheEnvironmentIsAcceptedAndMeansAnyFreePort() {
        variables.put("PORT", "0");

        assertThat(load(Flags.none()).port()).isZero();
    }

    @Test
    void anEmptyEnvironmentVariableCountsAsUnset() {
        variables.put("PORT", "");

        assertThat(load(Flags.none()).port()).isEqualTo(9090);
    }

    @Test
    void aPortInTheEnvironmentThatIsNotANumberNamesTheVariable() {
        variables.put("PORT", "abc");

        assertThatThrownBy(() -> load(Flags.none())).isInstanceOf(ConfigException.class)
                .hasMessage("environment variable PORT: expected a whole number from 0 to 65535, got \"abc\"");
    }

    @Test
    void aPortFlagOutOfRangeNamesTheFlag() {
        assertThatThrownBy(() -> load(portFlag(70_000))).isInstanceOf(ConfigException.class)
                .hasMessage("--port: expected a whole number from 0 to 65535, got \"70000\"");
    }

    @Test
    void anInvalidNameFlagIsRejected() {
        assertThatThrownBy(() -> load(new Flags(null, null, "not a name", null, null)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--name: expected a service name")
                .hasMessageEndingWith("got \"not a name\"");
    }

    @Test
    void staticMappingsMergeNameByNameWithTheProjectFileWinning() throws IOException {
        userFile("{\"services\": {\"api\": 8080, \"db\": 5432}}");
        projectFile("{\"services\": {\"api\": 8081, \"web\": 3000}}");

        assertThat(load(Flags.none()).services()).containsExactly(
                Map.entry("api", 8081), Map.entry("db", 5432), Map.entry("web", 3000));
    }

    @Test
    void theConfigFlagReplacesTheProjectFile() throws IOException {
        projectFile("{\"port\": 8002}");
        Path other = Files.writeString(root.resolve("other.json"), "{\"port\": 8006}");

        assertThat(load(new Flags(null, null, null, null, other)).port()).isEqualTo(8006);
    }

    @Test
    void aConfigFlagNamingAMissingFileIsAnError() {
        assertThatThrownBy(() -> load(new Flags(null, null, null, null, Path.of("nope.json"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--config: no such file: " + project.resolve("nope.json"));
    }

    @Test
    void anErrorInTheUserFileIsReportedEvenWhenAHigherLayerSetsTheSameKey() throws IOException {
        userFile("{\"port\": \"abc\"}");

        assertThatThrownBy(() -> load(portFlag(8000))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.json: key 'port'");
    }

    @Test
    void theNameInTheDaemonsOwnEnvironmentIsItsName() {
        variables.put("NAME", "devhome");

        assertThat(load(Flags.none()).ownName()).isEqualTo(new ServiceName("devhome"));
    }

    @Test
    void theNameFlagBeatsTheEnvironmentsName() {
        variables.put("NAME", "devhome");

        assertThat(load(new Flags(null, null, "flagged", null, null)).ownName()).isEqualTo(new ServiceName("flagged"));
    }

    @Test
    void aConfigFilesNameBeatsTheEnvironmentsName() throws IOException {
        variables.put("NAME", "devhome");
        userFile("{\"name\": \"mine\"}");

        assertThat(load(Flags.none()).ownName()).isEqualTo(new ServiceName("mine"));
    }

    @Test
    void aNameInTheEnvironmentThatIsNoServiceNameIsAnErrorNamingTheVariable() {
        variables.put("NAME", "my laptop");

        assertThatThrownBy(() -> load(Flags.none())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable NAME: expected a service name")
                .hasMessageEndingWith("got \"my laptop\"");
    }
}
