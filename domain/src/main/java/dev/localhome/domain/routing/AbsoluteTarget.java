package dev.localhome.domain.routing;

import java.util.Locale;
import java.util.Optional;

/** A request target in absolute form, {@code http://app/x}, split into scheme, authority and origin-form path. */
record AbsoluteTarget(String scheme, Authority authority, String path) {

    static boolean looksAbsolute(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    static Optional<AbsoluteTarget> parse(String target) {
        int schemeEnd = target.indexOf("://");
        if (schemeEnd < 0) return Optional.empty();
        String scheme = target.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = target.substring(schemeEnd + 3);
        int pathStart = indexOfAny(rest, '/', '?');
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String path = pathStart < 0 ? "/" : rest.substring(pathStart);
        if (path.startsWith("?")) path = "/" + path;
        String origin = path;
        return Authority.parse(authority).map(a -> new AbsoluteTarget(scheme, a, origin));
    }

    /** The origin-form path of any target: itself when it is one already. */
    static Optional<String> originForm(String target) {
        if (target.startsWith("/")) return Optional.of(target);
        if (looksAbsolute(target)) return parse(target).map(AbsoluteTarget::path);
        return Optional.empty();
    }

    private static int indexOfAny(String text, char a, char b) {
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == a || text.charAt(i) == b) return i;
        return -1;
    }
}
