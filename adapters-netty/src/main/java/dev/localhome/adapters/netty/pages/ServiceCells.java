package dev.localhome.adapters.netty.pages;

import dev.localhome.adapters.netty.pages.ApiJson.ProcessView;
import dev.localhome.adapters.netty.pages.ApiJson.ServiceView;
import java.util.List;
import java.util.stream.Collectors;

/** The dashboard row's cells that say which processes and ports stand behind a name. */
final class ServiceCells {
    private ServiceCells() {}

    /**
     * The pids; with more than one process of the name (two terminals that both ran {@code NAME=app}), the one that
     * answers is marked, and the cell's title says which ports each has and why that one answers (the port rule).
     */
    static String pids(ServiceView service) {
        List<ProcessView> processes = service.processes();
        if (processes.size() == 1) return Long.toString(processes.get(0).pid());
        String list = processes.stream().map(p -> p.answers()
                        ? "<b class=\"answers\">%d</b>".formatted(p.pid()) : Long.toString(p.pid()))
                .collect(Collectors.joining(", "));
        return "<span class=\"several\" title=\"%s\">%s</span>".formatted(Html.escape(several(service)), list);
    }

    /** "pid 12 on 3000 answers, because port 3000 is the lowest ...; pid 34 on 3001": as the API and the log say. */
    static String several(ServiceView service) {
        String each = service.processes().stream().map(p -> "pid " + p.pid() + (p.ports().isEmpty() ? ""
                        : " on " + p.ports().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                        + (p.answers() ? " answers" : ""))
                .collect(Collectors.joining("; "));
        return service.processes().size() + " processes carry NAME=" + service.name() + ": " + each
                + (service.portRule() == null ? "" : " (" + service.portRule() + ")");
    }

    /**
     * Every port the service listens on, each a link to its own URL ({@code http://3001.app.localhost:9090/}); the
     * port the name alone reaches is marked. The title lists the port's other URLs (through the PAC file).
     */
    static String ports(ServiceView service) {
        if (service.endpoints().isEmpty()) return Integer.toString(service.port());
        return service.endpoints().stream()
                .map(p -> "<a class=\"port%s\" href=\"%s\" title=\"%s\">%d</a>".formatted(p.chosen() ? " chosen" : "",
                        Html.escape(p.url()), Html.escape(String.join("  ", p.links())), p.port()))
                .collect(Collectors.joining(" "));
    }
}
