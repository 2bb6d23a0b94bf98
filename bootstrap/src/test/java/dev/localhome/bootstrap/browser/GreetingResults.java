package dev.localhome.bootstrap.browser;

import java.util.Map;

/** What {@code greeting.html} saw of its server-first socket ({@code window.localhomeGreeting}). */
record GreetingResults(String page, String target, boolean opened, String greeting, String token, String echoed,
                       long closeCode, String error, long elapsedMillis) {

    static GreetingResults from(Map<?, ?> page) {
        return new GreetingResults(text(page, "page"), text(page, "target"), Boolean.TRUE.equals(page.get("opened")),
                text(page, "greeting"), text(page, "token"), text(page, "echoed"),
                page.get("closeCode") instanceof Number n ? n.longValue() : -1, text(page, "error"),
                page.get("elapsedMillis") instanceof Number n ? n.longValue() : -1);
    }

    private static String text(Map<?, ?> page, String key) {
        Object value = page.get(key);
        return value == null ? null : value.toString();
    }

    /** The greeting came first, the page's token came back, and the socket closed normally. */
    boolean connected() {
        return GreetingSocketBackend.GREETING.equals(greeting) && token != null && token.equals(echoed)
                && closeCode == 1000 && error == null;
    }

    String summary() {
        return "%s -> %s: %s; greeting %s, echo %s, close %d%s, %d ms".formatted(page, target,
                connected() ? "ok" : "FAILED", greeting, token != null && token.equals(echoed) ? "ok" : echoed,
                closeCode, error == null ? "" : " (" + error + ")", elapsedMillis);
    }
}
