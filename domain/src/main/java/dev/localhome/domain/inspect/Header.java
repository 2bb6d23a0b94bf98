package dev.localhome.domain.inspect;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One recorded header field: its name in lower case, its value with credentials redacted. The inspector is shown to
 * anyone at the dashboard and to scripts: a session cookie or a bearer token must never appear there.
 */
public record Header(String name, String value) {
    public static final String REDACTED = "(redacted)";
    /** Values longer than this are cut: a header list is for reading, not for replaying. */
    public static final int MAX_VALUE = 1_000;
    private static final Set<String> SECRET = Set.of("cookie", "set-cookie", "authorization", "proxy-authorization");

    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The field as the inspector records it: lower-case name; a credential's value replaced; a long value cut. */
    public static Header recorded(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (SECRET.contains(lower)) return new Header(lower, REDACTED);
        return new Header(lower, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value);
    }

    /**
     * Roughly what this field holds on the heap: the record and its two strings (headers and arrays, ~96 bytes), one
     * byte a character (what strings of ASCII take). An estimate for the inspector's bound in bytes, not a measure.
     */
    public long estimatedBytes() {
        return 96L + name.length() + value.length();
    }

    /** Whether {@code name} carries credentials whose value is never recorded. */
    public static boolean isSecret(String name) {
        return SECRET.contains(name.toLowerCase(Locale.ROOT));
    }
}
