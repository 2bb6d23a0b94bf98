package dev.localhome.bootstrap.config;

import java.util.Objects;

/**
 * Which Netty transport the daemon runs on, and who said so: an error about a transport that cannot load names
 * the file and key (or the default) it came from.
 *
 * @param name   {@code auto} (the fastest that loads on this machine), {@code epoll}, {@code io_uring} or {@code nio}
 * @param origin where the choice was made, e.g. {@code /home/me/.config/localhome/config.json: key 'transport'}
 */
public record TransportSetting(String name, String origin) {
    public static final TransportSetting AUTO = new TransportSetting("auto", "the default");

    public TransportSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
    }
}
