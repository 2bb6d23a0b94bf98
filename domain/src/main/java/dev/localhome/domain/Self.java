package dev.localhome.domain;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The daemon itself, as discovery and routing must recognise it, so that it never forwards a request to itself: its
 * own process, the endpoints it listens on, and the token that marks the {@code Via} entries of this instance.
 *
 * <p>The endpoints are known only once the transport is bound ({@code PORT=0} picks the port then), so they are set
 * once, after binding. Until then the daemon is recognised by its pid alone. Safe to share between threads.
 */
public final class Self {
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9]{4,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long pid; // 0: no process that discovery could see (tests)
    private final String pseudonym;
    private final AtomicReference<Set<Endpoint>> endpoints = new AtomicReference<>(Set.of());

    /**
     * @param pid   the daemon's process id, or 0 when discovery can never see it (a test's router)
     * @param token what identifies this instance in {@code Via}: lower-case letters and digits
     */
    public Self(long pid, String token) {
        if (pid < 0) throw new IllegalArgumentException("not a pid: " + pid);
        if (!TOKEN.matcher(Objects.requireNonNull(token, "token")).matches())
            throw new IllegalArgumentException("not an instance token: '%s'".formatted(token));
        this.pid = pid;
        this.pseudonym = "localhome-" + token;
    }

    /** This JVM's process, with a token drawn at random: two daemons on one machine never share one. */
    public static Self ofThisProcess() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return new Self(ProcessHandle.current().pid(), HexFormat.of().formatHex(bytes));
    }

    /** A daemon that no discovery source can see as a process, with a fixed token: for tests of routing rules. */
    public static Self detached(String token) {
        return new Self(0, token);
    }

    /**
     * The transport is bound: these are the loopback endpoints it accepts on. Called once; a second call is a bug.
     */
    public void listeningOn(Collection<Endpoint> bound) {
        Set<Endpoint> copy = Set.copyOf(bound);
        if (!endpoints.compareAndSet(Set.of(), copy))
            throw new IllegalStateException("already listening on " + endpoints.get());
    }

    /** The endpoints the daemon accepts on; empty until it is bound. */
    public Set<Endpoint> endpoints() {
        return endpoints.get();
    }

    public boolean listensOn(Endpoint endpoint) {
        return endpoints.get().contains(endpoint);
    }

    /** Whether {@code listener} is one of the daemon's own sockets, found by a process scan. */
    public boolean owns(Listener listener) {
        return pid != 0 && listener.process().map(p -> p.pid() == pid).orElse(false);
    }

    /** The received-by name in this instance's {@code Via} entries (RFC 9110 §7.6.3): {@code localhome-<token>}. */
    public String pseudonym() {
        return pseudonym;
    }

    /** This instance's {@code Via} entry for a request that arrived over {@code receivedProtocol}, e.g. {@code 1.1}. */
    public String viaEntry(String receivedProtocol) {
        return receivedProtocol + " " + pseudonym;
    }

    @Override
    public String toString() {
        return "Self[" + pseudonym + (pid != 0 ? ", pid " + pid : "") + ", " + endpoints.get() + "]";
    }
}
