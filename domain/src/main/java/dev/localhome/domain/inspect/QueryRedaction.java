package dev.localhome.domain.inspect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which query parameters carry secrets, and a request target with their values replaced by {@link Header#REDACTED}:
 * OAuth callbacks ({@code code}, {@code state}, {@code id_token}), API keys and magic links travel in queries through a
 * dev proxy every day, and the inspector is shown to anyone at the dashboard. The key stays visible, so a reader
 * still sees that the parameter was there.
 *
 * <p>A key is a secret when, in lower case and percent-decoded, it is one of {@link #names()} or ends in one of
 * {@link #SUFFIXES} ({@code csrf_token}, {@code x-api-key}, {@code client_secret}).
 */
public record QueryRedaction(Set<String> names) {
    /** What a config file may add: the characters a query key is written with, no {@code =} or {@code &}. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~!$'()*+,;:@%/-]{1,100}");
    /** The documented default list; a config file may add to it. */
    public static final Set<String> DEFAULT_NAMES = Set.of("token", "access_token", "id_token", "refresh_token",
            "code", "state", "nonce", "password", "passwd", "pwd", "secret", "client_secret", "key", "api_key",
            "apikey", "sig", "signature", "auth", "session", "sessionid", "jwt", "otp", "ticket", "credential",
            "x-amz-signature", "x-amz-credential", "x-amz-security-token");
    /** Endings that make any key a secret, whatever comes before them. */
    public static final List<String> SUFFIXES = List.of("token", "secret", "password", "signature", "apikey", "_key",
            "-key", "_sig", "_session");
    public static final QueryRedaction DEFAULT = new QueryRedaction(DEFAULT_NAMES);

    public QueryRedaction {
        TreeSet<String> lower = new TreeSet<>();
        for (String name : names) {
            if (!KEY.matcher(name).matches())
                throw new IllegalArgumentException("not a query parameter name: '%s'".formatted(name));
            lower.add(name.toLowerCase(Locale.ROOT));
        }
        names = Set.copyOf(lower);
    }

    /** Whether {@code name} is a query key that can be given to {@link #QueryRedaction} (the config's validation). */
    public static boolean isKeyName(String name) {
        return KEY.matcher(name).matches();
    }

    /** The default list and {@code more}. */
    public static QueryRedaction withDefaultsAnd(Iterable<String> more) {
        TreeSet<String> all = new TreeSet<>(DEFAULT_NAMES);
        more.forEach(all::add);
        return new QueryRedaction(all);
    }

    /** Whether the value of the query parameter {@code key} is never recorded. */
    public boolean isSecret(String key) {
        String lower = decoded(key).toLowerCase(Locale.ROOT);
        if (names.contains(lower)) return true;
        for (String suffix : SUFFIXES) if (lower.endsWith(suffix)) return true;
        return false;
    }

    /**
     * {@code target} with every secret parameter's value replaced: {@code /cb?code=abc&x=1} is recorded as
     * {@code /cb?code=(redacted)&x=1}. Works on an origin-form target and on a whole URL (a {@code Referer}); what is
     * after a {@code #} is left alone only when no query comes before it.
     */
    public String redact(String target) {
        int query = target.indexOf('?');
        if (query < 0) return target;
        int fragment = target.indexOf('#', query);
        String params = fragment < 0 ? target.substring(query + 1) : target.substring(query + 1, fragment);
        StringBuilder out = new StringBuilder(target.length()).append(target, 0, query + 1);
        boolean changed = false;
        int start = 0;
        while (start <= params.length()) {
            int end = params.indexOf('&', start);
            if (end < 0) end = params.length();
            String param = params.substring(start, end);
            int equals = param.indexOf('=');
            String key = equals < 0 ? param : param.substring(0, equals);
            if (equals >= 0 && isSecret(key)) {
                out.append(key).append('=').append(Header.REDACTED);
                changed = true;
            } else {
                out.append(param);
            }
            if (end < params.length()) out.append('&');
            start = end + 1;
        }
        if (!changed) return target;
        if (fragment >= 0) out.append(target, fragment, target.length()); // a fragment never reaches a server anyway
        return out.toString();
    }

    private static String decoded(String key) {
        if (key.indexOf('%') < 0 && key.indexOf('+') < 0) return key;
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return key; // a broken escape: matched as written
        }
    }
}
