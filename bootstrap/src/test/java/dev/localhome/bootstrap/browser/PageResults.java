package dev.localhome.bootstrap.browser;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the test page counted about itself ({@code window.localhomeResults}), as {@code executeScript} returns it. */
record PageResults(long loaded, long failed, List<String> failures, boolean fetchOk, String fetchAnswer,
                   long wsReceived, List<String> wsErrors, boolean done, String protocol,
                   Map<String, Long> protocols, long elapsedMillis) {
    static final int SUBRESOURCES = 120;
    static final int MESSAGES = 50;

    @SuppressWarnings("unchecked")
    static PageResults from(Map<String, Object> page) {
        return new PageResults(number(page, "loaded"), number(page, "failed"), (List<String>) page.get("failures"),
                Boolean.TRUE.equals(page.get("fetchOk")), String.valueOf(page.get("fetchAnswer")),
                number(page, "wsReceived"), (List<String>) page.get("wsErrors"), Boolean.TRUE.equals(page.get("done")),
                String.valueOf(page.get("protocol")), (Map<String, Long>) page.get("protocols"),
                number(page, "elapsedMillis"));
    }

    private static long number(Map<String, Object> page, String key) {
        return page.get(key) instanceof Number n ? n.longValue() : -1;
    }

    boolean allGood() {
        return loaded == SUBRESOURCES && failed == 0 && fetchOk && wsReceived == MESSAGES && wsErrors.isEmpty();
    }

    /** Whether the page and every subresource came over HTTP/2, as the intercepted HTTPS path offers it by ALPN. */
    boolean allOverH2() {
        return protocols.keySet().equals(Set.of("h2"));
    }

    /** One line for the test's output and the artifacts' {@code results.txt}. */
    String summary() {
        return "%s %d/%d loaded, %d failed %s; upload %s (%s); ws %d/%d %s; %d ms; next hop %s".formatted(
                protocol, loaded, SUBRESOURCES, failed, failures, fetchOk ? "ok" : "FAILED", fetchAnswer,
                wsReceived, MESSAGES, wsErrors, elapsedMillis, protocols);
    }
}
