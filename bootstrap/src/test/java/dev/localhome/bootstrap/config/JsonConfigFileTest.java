package dev.localhome.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localhome.domain.ServiceName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonConfigFileTest {
    @TempDir
    Path directory;

    private Path file(String json) throws IOException {
        return Files.writeString(directory.resolve("localhome.local.json"), json);
    }

    private ConfigLayer read(String json) throws IOException {
        return JsonConfigFile.read(file(json));
    }

    @Test
    void everyKeyIsRead() throws IOException {
        ConfigLayer layer = read("""
                {"port": 0, "bind": "127.0.0.1", "name": "Dash", "mkcertCaRoot": "/ca",
                 "services": {"api": 8080}}""");

        assertThat(layer.port()).contains(0);
        assertThat(layer.bindHost()).contains("127.0.0.1");
        assertThat(layer.ownName()).contains(new ServiceName("dash"));
        assertThat(layer.mkcertCaRoot()).contains(Path.of("/ca"));
        assertThat(layer.services()).isEqualTo(Map.of("api", 8080));
    }

    @Test
    void forwardedHeadersAreOnUnlessAFileTurnsThemOff() throws IOException {
        assertThat(read("{}").withDefaults().forwardedHeaders()).isTrue();
        assertThat(read("{\"forwardedHeaders\": false}").withDefaults().forwardedHeaders()).isFalse();
        assertThat(read("{\"forwardedHeaders\": true}").over(read("{\"forwardedHeaders\": false}")).withDefaults()
                .forwardedHeaders()).as("the project file's word wins over the user's").isTrue();
    }

    @Test
    void webSocketsOverH2AreOnUnlessAFileTurnsThemOff() throws IOException {
        assertThat(read("{}").withDefaults().http2WebSockets()).isTrue();
        assertThat(read("{\"http2WebSockets\": false}").withDefaults().http2WebSockets()).isFalse();
        assertThat(read("{\"http2WebSockets\": true}").over(read("{\"http2WebSockets\": false}")).withDefaults()
                .http2WebSockets()).as("the project file's word wins over the user's").isTrue();
        assertThatThrownBy(() -> read("{\"http2WebSockets\": 1}"))
                .hasMessageEndingWith("key 'http2WebSockets': expected true or false, got 1");
    }

    @Test
    void composeNamesAreOffUnlessAFileTurnsThemOn() throws IOException {
        assertThat(read("{}").withDefaults().composeNames()).isFalse();
        assertThat(read("{\"composeNames\": true}").withDefaults().composeNames()).isTrue();
        assertThat(read("{\"composeNames\": false}").over(read("{\"composeNames\": true}")).withDefaults()
                .composeNames()).as("the project file's word wins over the user's").isFalse();
        assertThat(read("{\"port\": 1234}").over(read("{\"composeNames\": true}")).withDefaults().composeNames())
                .as("a layer silent about it keeps the lower one's").isTrue();
        assertThatThrownBy(() -> read("{\"composeNames\": \"on\"}"))
                .hasMessageEndingWith("key 'composeNames': expected true or false, got \"on\"");
    }

    @Test
    void theInspectorIsOnAndItsHeadersOffUnlessAFileSaysOtherwise() throws IOException {
        assertThat(read("{}").withDefaults()).extracting(c -> c.inspector(), c -> c.inspectHeaders())
                .containsExactly(true, false);
        assertThat(read("{\"inspector\": false, \"inspectHeaders\": true}").withDefaults())
                .extracting(c -> c.inspector(), c -> c.inspectHeaders()).containsExactly(false, true);
        assertThat(read("{\"inspectHeaders\": true}").over(read("{\"inspector\": false}")).withDefaults())
                .extracting(c -> c.inspector(), c -> c.inspectHeaders()).as("each key from the layer that sets it")
                .containsExactly(false, true);
        assertThatThrownBy(() -> read("{\"inspectHeaders\": \"yes\"}"))
                .hasMessageEndingWith("key 'inspectHeaders': expected true or false, got \"yes\"");
    }

    @Test
    void theTransportIsAutoUnlessAFileNamesOneAndRemembersWhichFileAndKeyDid() throws IOException {
        assertThat(read("{}").withDefaults().transport()).isEqualTo(TransportSetting.AUTO);

        Config config = read("{\"transport\": \"io_uring\"}").over(read("{\"transport\": \"nio\"}")).withDefaults();

        assertThat(config.transport()).as("the project file's word wins over the user's")
                .isEqualTo(new TransportSetting("io_uring", directory.resolve("localhome.local.json").toAbsolutePath()
                        + ": key 'transport'"));
    }

    @Test
    void aTransportThatIsNoneOfTheChoicesNamesTheFileTheKeyAndTheChoices() {
        assertThatThrownBy(() -> read("{\"transport\": \"kqueue\"}")).isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("key 'transport': expected one of \"auto\" (the fastest that loads here), "
                        + "\"epoll\", \"io_uring\", \"nio\", got \"kqueue\"");
        assertThatThrownBy(() -> read("{\"transport\": 1}"))
                .hasMessageContaining("key 'transport': expected one of \"auto\"");
    }

    @Test
    void forwardedHeadersThatAreNotABooleanAreRejected() {
        assertThatThrownBy(() -> read("{\"forwardedHeaders\": \"off\"}"))
                .hasMessageEndingWith("key 'forwardedHeaders': expected true or false, got \"off\"");
    }

    @Test
    void aRelativeCaRootIsRelativeToTheFilesDirectory() throws IOException {
        assertThat(read("{\"mkcertCaRoot\": \"certs/ca\"}").mkcertCaRoot())
                .contains(directory.resolve("certs/ca").toAbsolutePath().normalize());
    }

    @Test
    void nullMeansNotSetInThisFile() throws IOException {
        assertThat(read("{\"port\": null}").port()).isEmpty();
    }

    @Test
    void anUnknownKeyNamesTheFileAndTheKey() throws IOException {
        Path file = file("{\"prot\": 9090}");

        assertThatThrownBy(() -> JsonConfigFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file.toAbsolutePath() + ": unknown key 'prot' (known keys: port, bind, name, "
                        + "mkcertCaRoot, services, plugins, forwardedHeaders, http2WebSockets, inspector, inspectHeaders, "
                        + "transport, inspectRedactQuery, stopGraceSeconds, composeNames, backendTimeoutSeconds)");
    }

    @Test
    void secretQueryKeysAddToTheDefaultsAndMustBeNames() throws IOException {
        assertThat(read("{}").withDefaults().inspectRedactQuery()).isEmpty();
        assertThat(read("{\"inspectRedactQuery\": [\"ticket\", \"magic_link\"]}").withDefaults().inspectRedactQuery())
                .containsExactly("ticket", "magic_link");
        assertThatThrownBy(() -> read("{\"inspectRedactQuery\": \"ticket\"}"))
                .hasMessageContaining("key 'inspectRedactQuery': expected an array of query parameter names");
        assertThatThrownBy(() -> read("{\"inspectRedactQuery\": [\"a=b\"]}"))
                .hasMessageEndingWith("got \"a=b\"");
    }

    @Test
    void theStopGraceIsWholeSecondsWithinABound() throws IOException {
        assertThat(read("{}").withDefaults().stopGrace()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(read("{\"stopGraceSeconds\": 3}").withDefaults().stopGrace()).isEqualTo(java.time.Duration.ofSeconds(3));
        assertThatThrownBy(() -> read("{\"stopGraceSeconds\": 61}"))
                .hasMessageEndingWith("key 'stopGraceSeconds': expected a whole number of seconds from 0 to 60, got 61");
        assertThatThrownBy(() -> read("{\"stopGraceSeconds\": \"10s\"}")).hasMessageContaining("stopGraceSeconds");
    }

    @Test
    void theBackendTimeoutIsWholeSecondsWithinABound() throws IOException {
        assertThat(read("{}").withDefaults().backendTimeout()).isEqualTo(java.time.Duration.ofSeconds(120));
        assertThat(read("{\"backendTimeoutSeconds\": 5}").withDefaults().backendTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThatThrownBy(() -> read("{\"backendTimeoutSeconds\": 0}"))
                .hasMessageEndingWith("key 'backendTimeoutSeconds': expected a whole number of seconds from 1 to 3600, got 0");
        assertThatThrownBy(() -> read("{\"backendTimeoutSeconds\": 1.5}")).hasMessageContaining("backendTimeoutSeconds");
    }

    @Test
    void aPortThatIsTextNamesTheFileTheKeyAndTheValue() throws IOException {
        Path file = file("{\"port\": \"abc\"}");

        assertThatThrownBy(() -> JsonConfigFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file.toAbsolutePath() + ": key 'port': expected a whole number from 0 to 65535, "
                        + "got \"abc\"");
    }

    @Test
    void aPortOutOfRangeOrWithAFractionIsRejected() {
        assertThatThrownBy(() -> read("{\"port\": 65536}")).hasMessageEndingWith("got 65536");
        assertThatThrownBy(() -> read("{\"port\": 90.5}")).hasMessageEndingWith("got 90.5");
        assertThatThrownBy(() -> read("{\"port\": -1}")).hasMessageEndingWith("got -1");
    }

    @Test
    void aBindAddressThatIsNotTextIsRejected() {
        assertThatThrownBy(() -> read("{\"bind\": 127}"))
                .hasMessageEndingWith("key 'bind': expected a host name or IP address, got 127");
    }

    @Test
    void anInvalidOwnNameIsRejected() {
        assertThatThrownBy(() -> read("{\"name\": \"my app\"}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'name': expected a service name")
                .hasMessageEndingWith("got \"my app\"");
    }

    @Test
    void servicesThatAreNotAnObjectAreRejected() {
        assertThatThrownBy(() -> read("{\"services\": [8080]}"))
                .hasMessageEndingWith("key 'services': expected an object of service name to port, got [8080]");
    }

    @Test
    void aMappedPortThatIsWrongNamesTheServiceKey() {
        assertThatThrownBy(() -> read("{\"services\": {\"api\": \"8080\"}}"))
                .hasMessageEndingWith("key 'services.api': expected a port from 1 to 65535, got \"8080\"");
        assertThatThrownBy(() -> read("{\"services\": {\"api\": 0}}"))
                .hasMessageEndingWith("key 'services.api': expected a port from 1 to 65535, got 0");
    }

    @Test
    void aMappedNameThatIsNotANameIsRejected() {
        assertThatThrownBy(() -> read("{\"services\": {\"my api\": 8080}}"))
                .hasMessageContaining("key 'services': 'my api' is not a service name");
    }

    @Test
    void malformedJsonNamesTheFileAndTheLine() throws IOException {
        Path file = file("{\n  \"port\": 9090,\n  \"bind\" \"127.0.0.1\"\n}");

        assertThatThrownBy(() -> JsonConfigFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file.toAbsolutePath() + ": line 3, column ")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertThatThrownBy(() -> read("{\"port\": 1,\n\"port\": 2}"))
                .hasMessageContaining("line 2").hasMessageContaining("port");
    }

    @Test
    void aFileThatIsNotAnObjectOrIsEmptyIsRejected() {
        assertThatThrownBy(() -> read("[1, 2]")).hasMessageEndingWith("expected a JSON object { ... }, got [1,2]");
        assertThatThrownBy(() -> read("  ")).hasMessageContaining("the file is empty");
    }

    @Test
    void pluginSettingsAreReadAsPlainJavaValuesByPluginName() throws IOException {
        ConfigLayer layer = read("""
                {"plugins": {"npm-names": {"enabled": true, "directoriesUnder": "/src", "depth": 2}}}""");

        assertThat(layer.plugins()).isEqualTo(Map.of("npm-names",
                Map.of("enabled", true, "directoriesUnder", "/src", "depth", 2)));
    }

    @Test
    void pluginSettingsThatAreNotAnObjectNameThePluginsKey() {
        assertThatThrownBy(() -> read("{\"plugins\": {\"npm-names\": true}}"))
                .hasMessageEndingWith("key 'plugins.npm-names': expected an object of settings, e.g. "
                        + "{\"enabled\": true}, got true");
        assertThatThrownBy(() -> read("{\"plugins\": []}"))
                .hasMessageEndingWith("key 'plugins': expected an object of plugin name to its settings object, got []");
    }

    @Test
    void aProjectFilesPluginSettingsReplaceTheUsersForThatPluginOnly() {
        ConfigLayer user = new ConfigLayer(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), Map.of(),
                Map.of("npm-names", Map.of("enabled", false), "other", Map.of("x", 1)));
        ConfigLayer project = new ConfigLayer(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), Map.of(),
                Map.of("npm-names", Map.of("enabled", true)));

        assertThat(project.over(user).withDefaults().plugins()).isEqualTo(Map.of(
                "npm-names", Map.of("enabled", true), "other", Map.of("x", 1)));
    }
}
