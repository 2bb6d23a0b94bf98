package dev.localhome.adapters.discovery.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineJsonTest {

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = EngineJsonTest.class.getResourceAsStream("/engine/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsWhatNamingAndRoutingNeedFromARealInspection() throws IOException {
        InspectedContainer container = EngineJson.container(fixture("inspect-published.json"));

        assertThat(container.name()).isEqualTo("fx1");
        assertThat(container.image()).isEqualTo("localhome-test-busybox:dev");
        assertThat(container.running()).isTrue();
        assertThat(container.pid()).isPositive();
        assertThat(container.command()).isEqualTo("/bin/busybox httpd -f -p 8080 -h /www");
        assertThat(container.startedAt()).isPresent();
        assertThat(container.nameVariable()).contains("fixture");
        assertThat(container.composeService()).contains("web");
        assertThat(container.composeProject()).contains("shop");
        assertThat(container.hostNetwork()).isFalse();
        assertThat(container.published()).containsExactly(new InspectedContainer.Published(8080, "127.0.0.1", 32769));
        assertThat(container.exposed()).containsExactly(8080);
        assertThat(container.networks()).containsExactly(
                new InspectedContainer.Attachment("bridge", "172.17.0.2", "172.17.0.1", 16));
    }

    @Test
    void keepsNothingOfTheEnvironmentButName() throws IOException {
        InspectedContainer container = EngineJson.container(fixture("inspect-published.json"));

        assertThat(container.toString()).contains("fixture").doesNotContain("hunter2", "SECRET_TOKEN");
    }

    @Test
    void aMissingOrOddFieldReadsAsAbsent() throws IOException {
        InspectedContainer container = EngineJson.container(
                "{\"Id\":\"abc\",\"Config\":{\"Env\":null,\"Labels\":7},\"NetworkSettings\":{\"Ports\":{\"53/udp\":null,\"x/tcp\":[]}}}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(container.running()).isFalse();
        assertThat(container.nameVariable()).isEmpty();
        assertThat(container.composeService()).isEmpty();
        assertThat(container.published()).isEmpty();
        assertThat(container.exposed()).isEmpty();
        assertThat(container.networks()).isEmpty();
    }

    @Test
    void readsContainerEventsAndSkipsOthers() throws IOException {
        assertThat(EngineJson.event(("{\"status\":\"start\",\"id\":\"abc\",\"Type\":\"container\",\"Action\":\"start\","
                + "\"Actor\":{\"ID\":\"abc\",\"Attributes\":{\"NAME\":\"x\"}}}").getBytes(StandardCharsets.UTF_8)))
                .contains(new EngineJson.Event("start", "abc"));
        assertThat(EngineJson.event("{\"Type\":\"network\",\"Action\":\"connect\",\"Actor\":{\"ID\":\"n\"}}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(Optional.empty());
    }

    @Test
    void readsTheContainerListsIds() throws IOException {
        assertThat(EngineJson.containerIds("[{\"Id\":\"a1\"},{\"Id\":\"b2\"},{}]".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(List.of("a1", "b2"));
    }
}
