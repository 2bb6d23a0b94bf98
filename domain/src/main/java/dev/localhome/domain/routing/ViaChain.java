package dev.localhome.domain.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxies a request passed, from its {@code Via} field values (RFC 9110 §7.6.3): each entry is
 * {@code received-protocol received-by [comment]}, entries are separated by commas, and a comment in parentheses may
 * hold commas of its own. Only the received-by names are kept: they are what a loop repeats.
 */
record ViaChain(List<String> receivedBy) {
    ViaChain {
        receivedBy = List.copyOf(receivedBy);
    }

    static ViaChain parse(List<String> fields) {
        List<String> names = new ArrayList<>();
        for (String field : fields) {
            int depth = 0;
            int start = 0;
            for (int i = 0; i <= field.length(); i++) {
                char c = i < field.length() ? field.charAt(i) : ',';
                if (c == '(') depth++;
                else if (c == ')' && depth > 0) depth--;
                else if (c == ',' && depth == 0) {
                    receivedBy(field.substring(start, i)).ifPresent(names::add);
                    start = i + 1;
                }
            }
        }
        return new ViaChain(names);
    }

    /** The received-by of one entry; an entry of one word (malformed) still counts as a hop, named by that word. */
    private static Optional<String> receivedBy(String entry) {
        String[] words = entry.strip().split("[ \\t]+");
        if (words[0].isEmpty()) return Optional.empty();
        return Optional.of(words.length > 1 ? words[1] : words[0]);
    }

    int hops() {
        return receivedBy.size();
    }

    /** Whether a proxy that calls itself {@code pseudonym} (case-insensitive, as host names are) already passed it. */
    boolean passedThrough(String pseudonym) {
        return receivedBy.stream().anyMatch(name -> name.equalsIgnoreCase(pseudonym));
    }
}
