package dev.localhome.application.inspect;

import dev.localhome.application.port.RequestJournal;
import dev.localhome.domain.inspect.AnsweredBy;
import dev.localhome.domain.inspect.Exchange;
import dev.localhome.domain.inspect.QueryRedaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inspector's bounded record: the last {@link #PER_SERVICE} exchanges of each service, oldest dropped first, and
 * the live listeners that see every snapshot as it is recorded. Bounded in bytes too ({@link #MAX_BYTES}, estimated
 * per snapshot): a thousand exchanges with their headers, or with long targets, times {@link #MAX_SERVICES} names
 * would otherwise outgrow the daemon's whole heap. Past the bound the oldest exchanges go first, from the service
 * that holds more than its share of the bytes: the one just recorded when it does, else the largest.
 *
 * <p>Written from every event loop at once, so nothing here takes a lock on the recording path: each service has a
 * ring of slots written with one atomic increment and one array store, and a later snapshot of the same exchange
 * replaces the earlier one with a compare-and-set (it fails, harmlessly, when the ring has moved past it). Listeners
 * are a copy-on-write array: with nobody listening, telling them costs one volatile read.
 */
public final class RequestLog implements RequestJournal {
    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);
    /**
     * Names are bounded too: an unknown name answered 404 is recorded under the name asked for, and a client could
     * ask for endless names. Past this many, exchanges of new names are shown to listeners but not kept.
     */
    public static final int MAX_SERVICES = 256;
    /**
     * Of those, names first seen in an answer localhome gave itself (an unknown name's 404, a 421): at most this many,
     * so that made-up names never take the room of the services that really run.
     */
    public static final int MAX_STRAYS = 64;
    /**
     * What the whole record may hold, estimated ({@link Exchange#estimatedBytes}): 8 MiB is ~30,000 exchanges without
     * headers (a day of a developer's page loads), ~3,000 with them; a sixteenth of the daemon's heap ceiling.
     */
    public static final long MAX_BYTES = 8L << 20;

    /**
     * Whether the proxy records at all ({@code "inspector"} in the config), whether it records headers, and which
     * query values it never records ({@code "inspectRedactQuery"}).
     */
    public record Settings(boolean recording, boolean headers, QueryRedaction redaction) {
        public static final Settings DEFAULT = new Settings(true, false);

        public Settings {
            java.util.Objects.requireNonNull(redaction, "redaction");
        }

        /** With the default list of secret query keys. */
        public Settings(boolean recording, boolean headers) {
            this(recording, headers, QueryRedaction.DEFAULT);
        }
    }

    private final Settings settings;
    private final int perService;
    private final int maxServices;
    private final int maxStrays;
    private final long maxBytes;
    /** The estimated bytes of every exchange in a slot of a ring: added as one goes in, taken off as it leaves. */
    private final AtomicLong held = new AtomicLong();
    private final AtomicInteger strays = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<String, Ring> rings = new ConcurrentHashMap<>();
    private final Object listenersLock = new Object();
    @SuppressWarnings("unchecked")
    private volatile Consumer<Exchange>[] listeners = new Consumer[0];

    public RequestLog(Settings settings) {
        this(settings, PER_SERVICE, MAX_SERVICES, MAX_STRAYS, MAX_BYTES);
    }

    RequestLog(Settings settings, int perService, int maxServices, int maxStrays) {
        this(settings, perService, maxServices, maxStrays, MAX_BYTES);
    }

    RequestLog(Settings settings, int perService, int maxServices, int maxStrays, long maxBytes) {
        if (perService < 1 || maxServices < 1 || maxBytes < 1) throw new IllegalArgumentException("a record needs room");
        this.settings = settings;
        this.perService = perService;
        this.maxServices = maxServices;
        this.maxStrays = maxStrays;
        this.maxBytes = maxBytes;
    }

    /** The estimated bytes the record holds now. */
    long heldBytes() {
        return held.get();
    }

    /** Whether the proxy records exchanges: off, it builds no snapshot at all. */
    @Override
    public boolean recording() {
        return settings.recording();
    }

    /** Whether request and response headers are recorded (off unless the user asks: they are large). */
    @Override
    public boolean recordsHeaders() {
        return settings.headers();
    }

    /**
     * {@code target} (a request target, or a URL in a header) as the record holds it: the values of secret query
     * parameters replaced. Every snapshot is made from what this returns, so no reader ever sees those values.
     */
    public String recorded(String target) {
        return settings.redaction().redact(target);
    }

    /** A fresh exchange id: increasing, unique for the daemon's lifetime. */
    @Override
    public long nextId() {
        return ids.incrementAndGet();
    }

    /**
     * Records a newly started exchange and tells the listeners.
     *
     * @return its place in its service's ring, for {@link #replace}; {@link #NOT_KEPT} when it was not kept
     */
    @Override
    public long append(Exchange exchange) {
        Ring ring = ringOf(exchange.service(), exchange.answeredBy() == AnsweredBy.LOCALHOME);
        long place = NOT_KEPT;
        if (ring != null) {
            place = ring.append(exchange);
            keepWithinBytes(ring);
        }
        tell(exchange);
        return place;
    }

    /** Records a later snapshot of the exchange {@link #append} put at {@code place}, and tells the listeners. */
    @Override
    public void replace(long place, Exchange before, Exchange after) {
        if (place != NOT_KEPT) {
            Ring ring = rings.get(after.service());
            if (ring != null && ring.replace(place, before, after)) keepWithinBytes(ring);
        }
        tell(after);
    }

    /** The last {@code n} exchanges of {@code service}, oldest first; empty for a name with no traffic. */
    @Override
    public List<Exchange> recent(String service, int n) {
        Ring ring = rings.get(service);
        return ring == null ? List.of() : newest(ring.snapshot(), n);
    }

    /** The last {@code n} exchanges of every service, merged by id, oldest first. */
    @Override
    public List<Exchange> recent(int n) {
        List<Exchange> all = new ArrayList<>();
        rings.values().forEach(ring -> all.addAll(ring.snapshot()));
        return newest(all, n);
    }

    /**
     * Tells {@code listener} every snapshot recorded from now on, on the thread that records it (an event loop: the
     * listener must hand off and return at once, and never throw).
     */
    @Override
    public Subscription subscribe(Consumer<Exchange> listener) {
        synchronized (listenersLock) {
            Consumer<Exchange>[] grown = Arrays.copyOf(listeners, listeners.length + 1);
            grown[grown.length - 1] = listener;
            listeners = grown;
        }
        return () -> unsubscribe(listener);
    }

    /** Whether anyone listens now. */
    @Override
    public boolean hasListeners() {
        return listeners.length > 0;
    }

    @SuppressWarnings("unchecked")
    private void unsubscribe(Consumer<Exchange> listener) {
        synchronized (listenersLock) {
            listeners = Arrays.stream(listeners).filter(l -> l != listener).toArray(Consumer[]::new);
        }
    }

    private void tell(Exchange exchange) {
        Consumer<Exchange>[] now = listeners;
        for (Consumer<Exchange> listener : now) {
            try {
                listener.accept(exchange);
            } catch (RuntimeException e) {
                log.warn("an inspector listener failed", e); // never the proxy's problem
            }
        }
    }

    private Ring ringOf(String service, boolean stray) {
        Ring ring = rings.get(service); // lock-free for a name seen before: the common case
        if (ring != null || rings.size() >= maxServices) return ring;
        if (stray && strays.get() >= maxStrays) return null;
        return rings.computeIfAbsent(service, name -> {
            if (stray) strays.incrementAndGet(); // racing first requests may pass the bound by a few: still bounded
            return new Ring(perService, held);
        });
    }

    /**
     * Drops oldest exchanges while the record holds more than {@link #maxBytes}: from {@code recorded}'s ring while it
     * holds more than its share, else from the largest ring. A ring keeps at least its newest exchange, so the
     * bound can be passed by that much per ring, never more. With room to spare, this is one read.
     */
    private void keepWithinBytes(Ring recorded) {
        while (held.get() > maxBytes) {
            Ring victim = recorded.bytes() * rings.size() > maxBytes ? recorded : largest();
            if (!victim.dropOldest() && (victim == recorded || !recorded.dropOldest())) return;
        }
    }

    private Ring largest() {
        Ring largest = null;
        for (Ring ring : rings.values()) if (largest == null || ring.bytes() > largest.bytes()) largest = ring;
        return largest;
    }

    private static List<Exchange> newest(List<Exchange> exchanges, int n) {
        List<Exchange> sorted = new ArrayList<>(exchanges);
        sorted.sort(Comparator.comparingLong(Exchange::id));
        int from = Math.max(0, sorted.size() - Math.max(0, n));
        return List.copyOf(sorted.subList(from, sorted.size()));
    }

    /**
     * One service's slots: the exchange at place {@code p} lives in slot {@code p % size} until the ring passes it, or
     * until {@link #dropOldest} empties its slot. Every exchange that enters or leaves a slot is counted in bytes, in
     * the ring's own count and in the record's.
     */
    private static final class Ring {
        private final AtomicReferenceArray<Exchange> slots;
        private final AtomicLong next = new AtomicLong();
        /** The oldest place that may still hold an exchange; places before it were dropped. */
        private final AtomicLong oldest = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong held;

        Ring(int size, AtomicLong held) {
            slots = new AtomicReferenceArray<>(size);
            this.held = held;
        }

        long append(Exchange exchange) {
            long place = next.getAndIncrement();
            Exchange passed = slots.getAndSet(slot(place), exchange);
            count(exchange.estimatedBytes() - (passed == null ? 0 : passed.estimatedBytes()));
            return place;
        }

        /** Fails quietly when a newer exchange took the slot: this one was already dropped as the oldest. */
        boolean replace(long place, Exchange before, Exchange after) {
            if (!slots.compareAndSet(slot(place), before, after)) return false;
            count(after.estimatedBytes() - before.estimatedBytes());
            return true;
        }

        /** Empties the oldest slot still held, unless only the newest is left: whether one was dropped. */
        boolean dropOldest() {
            while (true) {
                long first = oldest.get();
                long newest = next.get() - 1;
                long place = Math.max(first, newest - slots.length() + 1); // the ring's own passing drops too
                if (place >= newest) return false;
                if (!oldest.compareAndSet(first, place + 1)) continue; // another thread dropped it: look again
                Exchange dropped = slots.get(slot(place));
                if (dropped != null && slots.compareAndSet(slot(place), dropped, null)) count(-dropped.estimatedBytes());
                return true;
            }
        }

        long bytes() {
            return bytes.get();
        }

        private void count(long delta) {
            if (delta == 0) return;
            bytes.addAndGet(delta);
            held.addAndGet(delta);
        }

        List<Exchange> snapshot() {
            List<Exchange> kept = new ArrayList<>(slots.length());
            for (int i = 0; i < slots.length(); i++) {
                Exchange exchange = slots.get(i);
                if (exchange != null) kept.add(exchange);
            }
            return kept;
        }

        private int slot(long place) {
            return (int) (place % slots.length());
        }
    }
}
