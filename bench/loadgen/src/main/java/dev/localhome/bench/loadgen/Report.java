package dev.localhome.bench.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints a run: a table for people, then its JSON on one line, the last line of stdout, for scripts. */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Report() {}

    static void print(Summary s, PrintStream out, PrintStream err) {
        LoopStats t = s.totals();
        Options o = s.options();
        out.printf(Locale.ROOT, "localhome-loadgen  mode %s  server %s:%d  name %s  path %s  (%s, tls %s, %d thread%s)%n",
                o.mode().cliName, o.host(), o.port(), o.name(), o.path(), s.transport(), s.tls(), o.threads(),
                o.threads() == 1 ? "" : "s");
        if (!s.tunnels().isEmpty()) printTunnels(s.tunnels(), out);
        out.println("| concurrency | seconds | connections | conn/s | requests | req/s | p50 ms | p99 ms | max ms | setup p99 / max ms | stalls >1s |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        out.printf(Locale.ROOT, "| %d | %.2f | %d | %.1f | %d | %.1f | %.3f | %.3f | %.3f | %.3f / %.3f | %d |%n",
                concurrency(s), s.seconds(), t.connections, t.connections / s.seconds(), t.requests,
                t.requests / s.seconds(), t.latency.percentileMillis(0.50), t.latency.percentileMillis(0.99),
                t.latency.maxMillis(), t.setup.percentileMillis(0.99), t.setup.maxMillis(), t.stalls);
        StringBuilder errors = new StringBuilder("errors:");
        for (ErrorKind kind : ErrorKind.values()) errors.append(' ').append(kind.key()).append(' ').append(t.errors[kind.ordinal()]);
        out.println(errors);
        for (ErrorKind kind : ErrorKind.values()) {
            if (t.firstErrors[kind.ordinal()] != null) err.println("first " + kind.key() + " error: " + t.firstErrors[kind.ordinal()]);
        }
        out.println(json(s));
    }

    static String json(Summary s) {
        LoopStats t = s.totals();
        ObjectNode j = JSON.createObjectNode();
        j.put("label", s.options().label());
        j.put("mode", s.options().mode().cliName);
        j.put("concurrency", concurrency(s));
        j.put("seconds", round(s.seconds()));
        j.put("connections", t.connections);
        j.put("connections_per_s", round(t.connections / s.seconds()));
        j.put("requests", t.requests);
        j.put("requests_per_s", round(t.requests / s.seconds()));
        j.put("p50_ms", round(t.latency.percentileMillis(0.50)));
        j.put("p99_ms", round(t.latency.percentileMillis(0.99)));
        j.put("max_ms", round(t.latency.maxMillis()));
        j.put("p50_setup_ms", round(t.setup.percentileMillis(0.50)));
        j.put("p99_setup_ms", round(t.setup.percentileMillis(0.99)));
        j.put("max_setup_ms", round(t.setup.maxMillis()));
        j.put("stalls_over_1s", t.stalls);
        ObjectNode errors = j.putObject("errors");
        for (ErrorKind kind : ErrorKind.values()) errors.put(kind.key(), t.errors[kind.ordinal()]);
        if (s.options().mode() == Mode.FIRST) addTunnels(j, s.tunnels());
        try {
            return JSON.writeValueAsString(j);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int concurrency(Summary s) {
        return s.options().mode() == Mode.FIRST ? 1 : s.options().concurrency();
    }

    private static void printTunnels(List<FirstTunnels.Tunnel> tunnels, PrintStream out) {
        out.println("| name | tunnel | total ms | TCP connect | CONNECT->200 | TLS handshake | GET |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (FirstTunnels.Tunnel t : tunnels) {
            if (t.error() != null) {
                out.printf(Locale.ROOT, "| %s | %d | error %s after %.2f ms: %s | | | | |%n", t.name(), t.number(),
                        t.error().key(), t.totalMillis(), t.message());
            } else {
                out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", t.name(), t.number(),
                        t.totalMillis(), t.times().tcpMillis(), t.times().tunnelMillis(), t.times().tlsMillis(), t.getNanos() / 1e6);
            }
        }
        out.println();
    }

    private static void addTunnels(ObjectNode j, List<FirstTunnels.Tunnel> tunnels) {
        double[] first = totals(tunnels, 1);
        double[] second = totals(tunnels, 2);
        j.put("first_p50_ms", median(first));
        j.put("first_max_ms", first.length == 0 ? null : round(first[first.length - 1]));
        j.put("second_p50_ms", median(second));
        ArrayNode names = j.putArray("names");
        for (FirstTunnels.Tunnel t : tunnels) {
            ObjectNode n = names.addObject();
            n.put("name", t.name());
            n.put("tunnel", t.number());
            if (t.error() != null) {
                n.put("error", t.error().key());
                n.put("message", t.message());
                continue;
            }
            n.put("total_ms", round(t.totalMillis()));
            n.put("tcp_ms", round(t.times().tcpMillis()));
            n.put("connect_ms", round(t.times().tunnelMillis()));
            n.put("tls_ms", round(t.times().tlsMillis()));
            n.put("get_ms", round(t.getNanos() / 1e6));
        }
    }

    private static double[] totals(List<FirstTunnels.Tunnel> tunnels, int number) {
        return tunnels.stream().filter(t -> t.number() == number && t.error() == null)
                .mapToDouble(FirstTunnels.Tunnel::totalMillis).sorted().toArray();
    }

    private static Double median(double[] sorted) {
        return sorted.length == 0 ? null : round(sorted[(sorted.length - 1) / 2]);
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : 0;
    }
}
