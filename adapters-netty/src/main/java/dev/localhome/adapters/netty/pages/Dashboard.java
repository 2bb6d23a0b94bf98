package dev.localhome.adapters.netty.pages;

import dev.localhome.adapters.netty.pages.ApiJson.CaView;
import dev.localhome.adapters.netty.pages.ApiJson.ProcessView;
import dev.localhome.adapters.netty.pages.ApiJson.ServiceView;
import dev.localhome.application.DaemonFacts;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dashboard: what runs and where to reach it, how to start something when nothing does, and how to set up
 * HTTPS and bare names. Rendered whole on the server (it reads fine without script, and a screenshot shows it at
 * once); {@code dashboard.js} then keeps the table live from {@code /api/services}. Every value that comes from a
 * process is escaped here and set as text there.
 */
final class Dashboard {
    private static final String STYLE = resource("dashboard.css");
    // the services table, then the live traffic on top of it: two files, one script element (one nonce)
    private static final String SCRIPT = resource("dashboard.js") + "\n" + resource("live.js");
    private static final SecureRandom NONCES = new SecureRandom();
    private static final String DASH = "—";
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** What the page says about the daemon itself; fixed for its lifetime. */
    record Facts(String ownName, DaemonFacts daemon, CaView ca, String transport) {}

    private Dashboard() {}

    /** The page, with headers that let only its own style and script run. */
    static FullHttpResponse page(List<ServiceView> services, Facts facts, int port) {
        byte[] bytes = new byte[18];
        NONCES.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        FullHttpResponse response = Responses.of(HttpResponseStatus.OK, "text/html; charset=utf-8",
                render(services, facts, port, nonce));
        // Only this response's own style and script run; data only from this origin; never framed (clickjacking).
        response.headers()
                .set("Content-Security-Policy", ("default-src 'none'; script-src 'nonce-%1$s'; style-src 'nonce-%1$s'; "
                        + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
                        + "frame-ancestors 'none'").formatted(nonce))
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set("Cross-Origin-Opener-Policy", "same-origin")
                .set("Cross-Origin-Resource-Policy", "same-origin");
        return response;
    }

    static String render(List<ServiceView> services, Facts facts, int port, String nonce) {
        String body = "<main id=\"dashboard\" data-started=\"" + Html.escape(facts.daemon().startedAt().toString()) + "\">"
                + header(facts, services.size())
                + "<p class=\"muted\">Every dev server started with <code>NAME=&lt;name&gt;</code> answers at "
                + "<code>http://&lt;name&gt;.localhost:" + port + "/</code>, no set-up needed.</p>"
                + table(services) + emptyState(services.isEmpty(), port) + inspector()
                + "<div class=\"panels\">" + DashboardPanels.https(facts) + DashboardPanels.pac(facts, port) + "</div>"
                + footer(facts) + "</main>";
        return Html.page("localhome", nonce, STYLE, body, SCRIPT);
    }

    private static String header(Facts facts, int count) {
        return "<header><h1>localhome</h1><span class=\"muted\">%s · started %s · %s</span><span id=\"live\" class=\"live\">live</span></header>"
                .formatted(Html.escape(facts.daemon().version()),
                        STARTED.format(facts.daemon().startedAt().atZone(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES)),
                        Html.escape(facts.transport()));
    }

    private static String table(List<ServiceView> services) {
        String rows = services.stream().map(Dashboard::row).collect(Collectors.joining());
        return ("<div class=\"table-wrap\"><table id=\"services\"%s><thead><tr><th>service</th><th>open</th>"
                + "<th title=\"requests in the last minute\">req/min</th><th title=\"of the last 10 minutes' requests: "
                + "answered by localhome itself with an error (404, 502, 503, 508...), and 5xx from the service\">errors</th>"
                + "<th>last 10 min</th><th>port</th><th>pid</th>")
                .formatted(services.isEmpty() ? " hidden" : "")
                + "<th>command</th><th>directory</th><th>up</th></tr></thead><tbody id=\"rows\">" + rows + "</tbody></table></div>";
    }

    private static String row(ServiceView service) {
        String links = service.links().stream()
                .map(url -> "<a href=\"%1$s\">%1$s</a>".formatted(Html.escape(url)))
                .collect(Collectors.joining());
        List<ProcessView> processes = service.processes();
        String pids = processes.isEmpty() ? DASH : ServiceCells.pids(service);
        // the process that answers for the name: with two of one name, its command is the one that matters
        ProcessView first = processes.stream().filter(ProcessView::answers).findFirst()
                .orElse(processes.isEmpty() ? null : processes.get(0));
        String command = first == null || first.command().isEmpty() ? DASH : first.command();
        String container = first == null || first.container() == null ? ""
                : "<span class=\"container\" title=\"container, image, id\">%s</span> "
                        .formatted(Html.escape(first.container().describe()));
        String directory = first == null || first.workingDirectory().isEmpty() ? DASH : first.workingDirectory();
        if (service.stopped()) return stoppedRow(service, pids, container, command, directory);
        return ("<tr data-service=\"%1$s\"><td class=\"name\">%2$s</td><td class=\"links\">%3$s</td>" + TRAFFIC_CELLS
                + "<td class=\"num ports\">%4$s</td><td class=\"num\">%5$s</td><td class=\"cmd\" title=\"%6$s\">%9$s<code>%6$s</code></td>"
                + "<td class=\"dir\" title=\"%7$s\">%7$s</td><td class=\"num\">%8$s</td></tr>")
                .formatted(Html.escape(service.name()), inspectLink(service.name()), links, ServiceCells.ports(service), pids,
                        Html.escape(command), Html.escape(directory), uptime(service.uptimeSeconds()), container);
    }

    /** Greyed, without links (they would answer 503), with when it was last seen and a button to forget it. */
    private static String stoppedRow(ServiceView service, String pids, String container, String command, String directory) {
        return ("<tr class=\"stopped\" data-service=\"%1$s\" data-state=\"stopped\"><td class=\"name\">%2$s "
                + "<span class=\"badge off\">stopped</span></td><td class=\"links\"><button type=\"button\" "
                + "class=\"forget\" data-forget=\"%3$s\">forget</button></td>" + TRAFFIC_CELLS
                + "<td class=\"num\">%4$d</td><td class=\"num\">%5$s</td>"
                + "<td class=\"cmd\" title=\"%6$s\">%10$s<code>%6$s</code></td><td class=\"dir\" title=\"%7$s\">%7$s</td>"
                + "<td class=\"num\" title=\"last seen %8$s\">%9$s</td></tr>")
                .formatted(Html.escape(service.name()), inspectLink(service.name()), Html.escape(service.name()),
                        service.port(), pids, Html.escape(command), Html.escape(directory),
                        Html.escape(service.lastSeen()), lastSeen(Instant.parse(service.lastSeen()), Instant.now()),
                        container);
    }

    /** Same wording as {@code lastSeen} in dashboard.js: "seen 5m 2s ago". */
    static String lastSeen(Instant seen, Instant now) {
        return "seen " + uptime(Math.max(0, java.time.Duration.between(seen, now).toSeconds())) + " ago";
    }

    /** The service's name, opening its live view of requests. */
    private static String inspectLink(String name) {
        return "<a class=\"inspect\" href=\"#requests=%1$s\" title=\"see its requests live\">%1$s</a>".formatted(Html.escape(name));
    }

    /** Filled by live.js from the request stream; empty until it has run (and without script). */
    private static final String TRAFFIC_CELLS = "<td class=\"num rpm\">—</td><td class=\"num errors\">—</td>"
            + "<td class=\"spark\"></td>";

    /**
     * One service's exchanges, streaming in: opened from a service's name ({@code #requests=<name>}), filled by
     * live.js from {@code /api/requests/stream?service=<name>}.
     */
    private static String inspector() {
        return "<section id=\"inspector\" class=\"panel inspector\" hidden><h2>Requests to <span id=\"inspected\"></span>"
                + "<span id=\"stream-state\" class=\"live\">connecting</span><a href=\"#\" class=\"close\" id=\"close-inspector\">close</a></h2>"
                + "<div class=\"controls\"><input id=\"filter-path\" type=\"search\" placeholder=\"filter by path\" aria-label=\"filter by path\">"
                + "<select id=\"filter-status\" aria-label=\"filter by status\"><option value=\"\">any status</option>"
                + "<option value=\"2\">2xx</option><option value=\"3\">3xx</option><option value=\"4\">4xx</option>"
                + "<option value=\"5\">5xx</option><option value=\"errors\">errors (4xx, 5xx)</option>"
                + "<option value=\"localhome\">answered by localhome</option><option value=\"open\">still open</option></select>"
                + "<button type=\"button\" id=\"pause\">pause</button><span id=\"held\" class=\"muted\"></span>"
                + "<span id=\"shown\" class=\"muted\"></span></div>"
                + "<div class=\"table-wrap\"><table class=\"exchanges\"><thead><tr><th>time</th><th>method</th><th>path</th>"
                + "<th>status</th><th>ms</th><th>bytes in/out</th><th>protocol</th><th>via</th><th>by</th></tr></thead>"
                + "<tbody id=\"exchanges\"></tbody></table></div>"
                + "<p id=\"no-exchanges\" class=\"muted\">No requests yet: they show up here as they happen.</p>"
                + "<div id=\"exchange\" class=\"exchange\" hidden></div></section>";
    }

    private static String emptyState(boolean visible, int port) {
        return "<div id=\"empty\" class=\"empty\"%s><p><strong>No services are running yet.</strong> Start any dev server with a name:</p>"
                .formatted(visible ? "" : " hidden")
                + "<pre>NAME=app npm run dev</pre><p class=\"muted\">It shows up here by itself within a second or two; then open "
                + "<code>http://app.localhost:" + port + "/</code>.</p></div>";
    }

    private static String footer(Facts facts) {
        List<String> plugins = facts.daemon().plugins();
        return "<footer><a href=\"/api/services\">/api/services</a> · <a href=\"/api/status\">/api/status</a> · "
                + "<a href=\"/proxy.pac\">/proxy.pac</a> · plugins: "
                + (plugins.isEmpty() ? "none" : Html.escape(String.join(", ", plugins))) + "</footer>";
    }

    /** Same wording as {@code uptime} in dashboard.js. */
    static String uptime(Long seconds) {
        if (seconds == null) return DASH;
        long d = seconds / 86_400, h = seconds % 86_400 / 3_600, m = seconds % 3_600 / 60, s = seconds % 60;
        if (d > 0) return d + "d " + h + "h";
        if (h > 0) return h + "h " + m + "m";
        if (m > 0) return m + "m " + s + "s";
        return s + "s";
    }

    private static String resource(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
