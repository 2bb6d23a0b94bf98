package dev.localhome.adapters.netty;

import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.Service;
import dev.localhome.domain.routing.RoutingPolicy;
import java.util.List;
import java.util.stream.Collectors;

/** The dashboard: what runs, where to reach it, and how to start something when nothing does. */
final class Dashboard {
    private Dashboard() {}

    static String render(List<Service> services, RoutingPolicy policy, int port) {
        String body = "<h1>localhome</h1>"
                + "<p class=\"muted\">Every dev server started with <code>NAME=…</code> answers at "
                + "<code>http://&lt;name&gt;.localhost:" + port + "/</code>.</p>"
                + (services.isEmpty() ? emptyState() : table(services, policy, port))
                + "<p class=\"muted\">HTTPS interception: " + (policy.interception() ? "on" : "off (no CA: run <code>localhome ca init</code>)")
                + " · <a href=\"/proxy.pac\">proxy.pac</a> · <a href=\"/api/services\">/api/services</a></p>";
        return Html.page("localhome", body);
    }

    private static String emptyState() {
        return "<p id=\"empty\">No services are running yet. Start one with <code>NAME=app npm run dev</code>,"
                + " then open <code>http://app.localhost/</code>.</p>";
    }

    private static String table(List<Service> services, RoutingPolicy policy, int port) {
        String rows = services.stream().map(service -> row(service, policy, port)).collect(Collectors.joining());
        return "<table><thead><tr><th>name</th><th>links</th><th>port</th><th>pid</th><th>command</th></tr></thead><tbody>"
                + rows + "</tbody></table>";
    }

    private static String row(Service service, RoutingPolicy policy, int port) {
        String name = Html.escape(service.name().value());
        String links = "<a href=\"http://%s.localhost:%d/\">%s.localhost</a>".formatted(name, port, name);
        if (service.name().isBare()) {
            links += " · <a href=\"http://%s/\">http://%s/</a>".formatted(name, name);
            if (policy.interception()) links += " · <a href=\"https://%s/\">https://%s/</a>".formatted(name, name);
        }
        String pids = service.processes().stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "));
        String command = service.processes().stream().findFirst().map(ProcessInfo::command).map(Commands::shorten).orElse("");
        return "<tr><td><b>%s</b></td><td>%s</td><td>%d</td><td>%s</td><td><code>%s</code></td></tr>"
                .formatted(name, links, service.endpoint().port(), pids, Html.escape(command));
    }
}
