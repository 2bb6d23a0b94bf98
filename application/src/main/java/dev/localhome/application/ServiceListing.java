package dev.localhome.application;

import dev.localhome.domain.Service;
import java.util.List;

/** Use case: list the services running now, for the dashboard, the API and {@code localhome scan}. */
public final class ServiceListing {
    private final ServiceRegistry registry;

    public ServiceListing(ServiceRegistry registry) {
        this.registry = registry;
    }

    public List<Service> services() {
        return registry.catalog().services();
    }
}
