package dev.localhome.adapters.certs;

import java.util.Objects;

/**
 * One command that makes a root trusted in one place: {@code platform} is {@link Platform#LINUX} or
 * {@link Platform#MACOS}, {@code store} says which trust store (a system store, Chrome, a Firefox profile).
 */
public record TrustStep(Platform platform, String store, String command) {
    public enum Platform { LINUX, MACOS }

    public TrustStep {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(command, "command");
    }
}
