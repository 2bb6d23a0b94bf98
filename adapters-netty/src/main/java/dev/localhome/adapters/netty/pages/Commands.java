package dev.localhome.adapters.netty.pages;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a process's command line is shown: with anything that looks like a secret hidden, then shortened. The
 * dashboard sits in a tab that people share on screen; a token on a command line must not end up in a screenshot.
 *
 * <p>Hidden: the value of an assignment whose key names a secret ({@code --token=x}, {@code DB_PASSWORD=x},
 * {@code -Dapi.key=x}); the argument after such a flag ({@code --api-key x}) or header ({@code X-Api-Key: x});
 * the password in a URL ({@code postgres://ann:x@db}); the credentials after {@code Bearer} or {@code Basic}; and
 * words shaped like well-known tokens (GitHub, GitLab, Slack, AWS, JWTs) wherever they stand. A few harmless
 * values are hidden too ({@code --auth-mode local}): that is the side to err on.
 */
final class Commands {
    /** As long as discovery keeps: the dashboard wraps a command to three lines and shows all of it on hover. */
    static final int MAX_LENGTH = 1_000;
    static final String HIDDEN = "***";

    /** Words that name a secret wherever they appear in a key: {@code accessToken}, {@code client_secret}. */
    private static final Pattern SECRET_WORD = Pattern.compile("token|secret|passw(or)?d|apikey|credential|privatekey|cookie");
    /** Words that name a secret only as a whole part of a key: {@code --api-key} but not {@code --keyboard}. */
    private static final Set<String> SECRET_PARTS = Set.of("key", "pass", "pwd", "auth", "authorization", "pat", "pin", "sig",
            "signature");
    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern KEY_PARTS = Pattern.compile("[-_.]+");
    private static final Pattern URL_PASSWORD = Pattern.compile("(\\b[a-zA-Z][\\w+.-]*://[^/\\s:@]*:)[^@\\s/]+@");
    private static final Pattern WELL_KNOWN_TOKEN = Pattern.compile(
            "(?<![A-Za-z0-9])(gh[pousr]_|github_pat_|glpat-|xox[abposr]-|sk-|AKIA|ASIA|eyJ)[A-Za-z0-9_\\-.=/+]{12,}");
    private static final Set<String> AUTH_SCHEMES = Set.of("bearer", "basic", "token", "digest");

    private Commands() {}

    static String shorten(String command) {
        String hidden = hideSecrets(command.strip());
        return hidden.length() <= MAX_LENGTH ? hidden : hidden.substring(0, MAX_LENGTH - 1) + "…";
    }

    static String hideSecrets(String command) {
        if (command.isEmpty()) return command;
        String[] words = URL_PASSWORD.matcher(command).replaceAll("$1" + HIDDEN + "@").split("\\s+");
        StringBuilder out = new StringBuilder(command.length());
        boolean hideNext = false;
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (i > 0) out.append(' ');
            if (hideNext && !word.startsWith("-")) {
                boolean scheme = AUTH_SCHEMES.contains(unquoted(word).toLowerCase(Locale.ROOT));
                out.append(scheme ? word : HIDDEN); // "Authorization: Bearer x": the scheme stays, x goes
                hideNext = scheme;
                continue;
            }
            hideNext = false;
            int equals = word.indexOf('=');
            if (equals > 0 && namesASecret(word.substring(0, equals))) {
                out.append(word, 0, equals + 1).append(HIDDEN);
            } else if (WELL_KNOWN_TOKEN.matcher(word).find()) {
                out.append(wellKnownTokensHidden(word));
            } else {
                out.append(word);
                boolean flag = word.startsWith("-") && equals < 0;
                boolean header = word.endsWith(":") && word.length() > 1;
                hideNext = (i > 0 && (flag || header) && namesASecret(word))
                        || AUTH_SCHEMES.contains(unquoted(word).toLowerCase(Locale.ROOT)) && i > 0 && isHeaderOrFlagValue(words, i);
            }
        }
        return out.toString();
    }

    /** {@code Bearer x} right after {@code Authorization:} or {@code -u}, not the word "token" in a sentence. */
    private static boolean isHeaderOrFlagValue(String[] words, int index) {
        String before = words[index - 1];
        return before.endsWith(":") || before.startsWith("-") || before.startsWith("\"") || before.startsWith("'");
    }

    private static String unquoted(String word) {
        return word.replaceAll("^[\"']+|[\"']+$", "");
    }

    private static String wellKnownTokensHidden(String word) {
        Matcher matcher = WELL_KNOWN_TOKEN.matcher(word);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + HIDDEN));
    }

    /** Whether a key ({@code --api-key}, {@code DB_PASSWORD}, {@code -Dapp.clientSecret}, {@code X-Auth:}) names a secret. */
    static boolean namesASecret(String key) {
        String name = key.replaceAll("^[-\"']+|[:\"']+$", "");
        if (name.startsWith("D") && name.length() > 1 && key.startsWith("-D")) name = name.substring(1); // -Dkey=value
        String spaced = CAMEL_HUMP.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
        if (SECRET_WORD.matcher(spaced.replaceAll("[-_.]", "")).find()) return true;
        for (String part : KEY_PARTS.split(spaced)) {
            if (SECRET_PARTS.contains(part)) return true;
        }
        return false;
    }
}
