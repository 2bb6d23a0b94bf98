package dev.localhome.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * A name a local service answers to, e.g. {@code app} in {@code app.localhost} or {@code https://app/}.
 *
 * <p>Case-insensitive labels of letters, digits, {@code -} and {@code _} (names such as {@code _home} are in use),
 * joined by dots for nested names ({@code api.shop}). Anything else is not a name and never routes.
 */
public record ServiceName(String value) implements Comparable<ServiceName> {
    private static final int MAX_LABEL_LENGTH = 63;
    private static final int MAX_LENGTH = 253;

    public ServiceName {
        if (value == null) throw new IllegalArgumentException("a service name is required");
        String given = value;
        value = value.toLowerCase(Locale.ROOT);
        if (!isAscii(given) || !isValid(value))
            throw new IllegalArgumentException("not a service name: '%s'".formatted(given));
    }

    /** The name in {@code text}, or empty when it is not one. */
    public static Optional<ServiceName> parse(String text) {
        if (text == null) return Optional.empty();
        String lower = text.toLowerCase(Locale.ROOT);
        return isAscii(text) && isValid(lower) ? Optional.of(new ServiceName(lower)) : Optional.empty();
    }

    // Checked on the text as given: toLowerCase maps a few non-ASCII letters onto ASCII ones (KELVIN SIGN to 'k').
    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) >= 0x80) return false;
        return true;
    }

    /** Labels of [a-z0-9_-], 1 to 63 long, joined by dots. A loop, not a regex: it runs on every request. */
    private static boolean isValid(String lower) {
        if (lower.isEmpty() || lower.length() > MAX_LENGTH) return false;
        int labelLength = 0;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '.') {
                if (labelLength == 0) return false;
                labelLength = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                if (++labelLength > MAX_LABEL_LENGTH) return false;
            } else {
                return false;
            }
        }
        return labelLength > 0;
    }

    /** Dot-free names are the ones the PAC file sends to localhost by their bare name. */
    public boolean isBare() {
        return value.indexOf('.') < 0;
    }

    @Override
    public int compareTo(ServiceName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
