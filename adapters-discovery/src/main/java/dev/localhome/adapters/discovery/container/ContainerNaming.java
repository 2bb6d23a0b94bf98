package dev.localhome.adapters.discovery.container;

import dev.localhome.domain.ServiceName;
import java.util.Optional;

/**
 * The name a container answers to: the {@code NAME} in its environment, as for a process; else, when Compose names
 * are on, {@code <service>.<project>} from the labels Compose puts on every container it runs.
 */
final class ContainerNaming {
    private final boolean composeNames;

    ContainerNaming(boolean composeNames) {
        this.composeNames = composeNames;
    }

    Optional<ServiceName> nameOf(InspectedContainer container) {
        if (container.nameVariable().isPresent()) return container.nameVariable().flatMap(ServiceName::parse);
        if (!composeNames || container.composeService().isEmpty() || container.composeProject().isEmpty())
            return Optional.empty();
        return ServiceName.parse(container.composeService().get() + "." + container.composeProject().get());
    }
}
