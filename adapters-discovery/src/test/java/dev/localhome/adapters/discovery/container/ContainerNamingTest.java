package dev.localhome.adapters.discovery.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.ServiceName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerNamingTest {

    private static InspectedContainer container(Optional<String> name, Optional<String> service, Optional<String> project) {
        return new InspectedContainer("0123456789abcdef", "c", "img", true, 42, "", "", Optional.empty(), name,
                service, project, false, List.of(), List.of(), List.of());
    }

    @Test
    void nameFromTheEnvironmentWinsWhateverComposeSays() {
        assertThat(new ContainerNaming(true).nameOf(container(Optional.of("API"), Optional.of("web"), Optional.of("shop"))))
                .contains(new ServiceName("api"));
    }

    @Test
    void composeLabelsNameAServiceOnlyWhenComposeNamesAreOn() {
        InspectedContainer web = container(Optional.empty(), Optional.of("web"), Optional.of("shop"));

        assertThat(new ContainerNaming(true).nameOf(web)).contains(new ServiceName("web.shop"));
        assertThat(new ContainerNaming(false).nameOf(web)).isEmpty();
    }

    @Test
    void whatIsNoServiceNameNamesNothing() {
        assertThat(new ContainerNaming(true).nameOf(container(Optional.of("not a name"), Optional.empty(), Optional.empty())))
                .isEmpty();
        assertThat(new ContainerNaming(true).nameOf(container(Optional.empty(), Optional.of("web"), Optional.empty())))
                .isEmpty();
    }
}
