package dev.localhome.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The container a service's process runs in (Docker, Podman): what the dashboard, {@code scan} and {@code status}
 * show beside its command, and what a stopped container's page names.
 *
 * @param id    the engine's full container id (hexadecimal)
 * @param name  the container's name, without the engine's leading {@code /}
 * @param image the image it was created from, as the engine names it
 */
public record Container(String id, String name, String image) {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{12,64}");
    private static final int SHORT_ID_LENGTH = 12;

    public Container {
        if (id == null || !ID.matcher(id).matches()) throw new IllegalArgumentException("not a container id: '%s'".formatted(id));
        name = Objects.requireNonNull(name, "name");
        if (name.startsWith("/")) name = name.substring(1);
        if (name.isBlank()) throw new IllegalArgumentException("a container needs a name");
        image = Objects.requireNonNullElse(image, "");
    }

    /** The first 12 characters of the id, as {@code docker ps} shows it. */
    public String shortId() {
        return id.substring(0, SHORT_ID_LENGTH);
    }
}
