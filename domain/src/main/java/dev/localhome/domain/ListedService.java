package dev.localhome.domain;

/**
 * A service as the dashboard, the API and {@code localhome status} list it: running now ({@link Service}), or seen
 * and then gone ({@link StoppedService}). Consumed with {@code instanceof}; sealed, so every list shows both.
 */
public sealed interface ListedService permits Service, StoppedService {
    ServiceName name();
}
