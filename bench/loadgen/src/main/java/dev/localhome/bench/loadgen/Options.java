package dev.localhome.bench.loadgen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command line, checked. {@code count} 0 means "no count"; {@code duration} is always the hard cap. */
record Options(Mode mode, String host, int port, String name, String path, int concurrency, Duration duration,
               long count, int requestsPerConnection, int streams, Path ca, Duration timeout, Duration warmup,
               String label, List<String> names, int threads, long tunnels) {

    /** A --count run with no --duration still ends: after this long, whatever is left. */
    static final Duration COUNT_ONLY_CAP = Duration.ofMinutes(10);
    private static final Set<String> FLAGS = Set.of("mode", "server", "name", "path", "concurrency", "duration",
            "count", "requests-per-connection", "streams", "ca", "timeout", "warmup", "label", "names", "threads",
            "tunnels");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    static Options parse(String[] args) throws BadArguments {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !FLAGS.contains(arg.substring(2)))
                throw new BadArguments("unknown argument '" + arg + "'");
            if (i + 1 >= args.length) throw new BadArguments(arg + " needs a value");
            given.put(arg.substring(2), args[++i]);
        }
        if (!given.containsKey("mode")) throw new BadArguments("--mode is required");
        Mode mode = Mode.byCliName(given.get("mode")).orElseThrow(() -> new BadArguments("unknown mode '" + given.get("mode")
                + "'; modes: " + Arrays.stream(Mode.values()).map(m -> m.cliName).toList()));
        String server = given.get("server");
        if (server == null) throw new BadArguments("--server HOST:PORT is required");
        int colon = server.lastIndexOf(':');
        if (colon <= 0) throw new BadArguments("--server must be HOST:PORT, got '" + server + "'");
        int port = positive("server", server.substring(colon + 1));
        if (port > 65535) throw new BadArguments("--server port out of range: " + port);

        String path = given.getOrDefault("path", "/");
        if (!path.startsWith("/")) throw new BadArguments("--path must start with '/', got '" + path + "'");
        long count = given.containsKey("count") ? positive("count", given.get("count")) : 0;
        Duration duration = given.containsKey("duration") ? duration("duration", given.get("duration"))
                : count > 0 ? COUNT_ONLY_CAP : Duration.ofSeconds(10);
        if (duration.isZero()) throw new BadArguments("--duration must be more than 0");
        Path ca = given.containsKey("ca") ? Path.of(given.get("ca")) : null;
        if (mode.tls && ca == null) throw new BadArguments("mode " + mode.cliName + " needs --ca FILE (the PEM root to trust)");
        if (ca != null && !Files.isReadable(ca)) throw new BadArguments("--ca " + ca + ": no such readable file");
        List<String> names = given.containsKey("names") ? List.of(given.get("names").split(",")) : List.of();
        if (mode == Mode.FIRST && names.isEmpty()) throw new BadArguments("mode first needs --names a,b,c");
        Duration timeout = duration("timeout", given.getOrDefault("timeout", "5s"));
        if (timeout.isZero()) throw new BadArguments("--timeout must be more than 0");

        return new Options(mode, server.substring(0, colon), port, given.getOrDefault("name", "bench"), path,
                (int) positive("concurrency", given.getOrDefault("concurrency", "10")), duration, count,
                (int) nonNegative("requests-per-connection", given.getOrDefault("requests-per-connection", "0")),
                (int) positive("streams", given.getOrDefault("streams", "100")), ca, timeout,
                duration("warmup", given.getOrDefault("warmup", "0s")), given.getOrDefault("label", ""), names,
                (int) positive("threads", given.getOrDefault("threads", "1")),
                given.containsKey("tunnels") ? positive("tunnels", given.get("tunnels")) : 0);
    }

    /** The same run for another name, one request per connection: how mode first sees each of its names. */
    Options forFirstTunnel(String otherName) {
        return new Options(mode, host, port, otherName, path, 1, duration, 0, 1, streams, ca, timeout, Duration.ZERO,
                label, names, threads, 0);
    }

    private static int positive(String flag, String value) throws BadArguments {
        long n = nonNegative(flag, value);
        if (n == 0) throw new BadArguments("--" + flag + " must be at least 1");
        if (n > Integer.MAX_VALUE) throw new BadArguments("--" + flag + " is too large: " + value);
        return (int) n;
    }

    private static long nonNegative(String flag, String value) throws BadArguments {
        try {
            long n = Long.parseLong(value);
            if (n < 0) throw new BadArguments("--" + flag + " must not be negative, got " + value);
            return n;
        } catch (NumberFormatException e) {
            throw new BadArguments("--" + flag + " needs a whole number, got '" + value + "'");
        }
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}, or a bare number of seconds. */
    static Duration duration(String flag, String value) throws BadArguments {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) throw new BadArguments("--" + flag + " needs a duration like 10s, 500ms or 2m, got '" + value + "'");
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            default -> amount * 1000;
        };
        return Duration.ofNanos((long) (millis * 1_000_000));
    }

    static final String USAGE = """
            usage: java -jar localhome-loadgen.jar --mode MODE --server HOST:PORT [options]

            Closed-loop load: each connection (or h2 stream) sends a GET, waits for the last byte of the response,
            sends the next. Prints a table, then one JSON line (the last line of stdout).

            modes:
              direct     plain HTTP/1.1 keep-alive straight to --server (the backend); Host: HOST:PORT
              reverse    plain HTTP/1.1 to --server (the proxy) with Host: NAME.localhost:PORT
              absolute   plain HTTP/1.1 to the proxy, GET http://NAME/PATH (Host: NAME)
              connect80  CONNECT NAME:80 to the proxy, then plain HTTP/1.1 in the tunnel (Host: NAME)
              mitm       CONNECT NAME:443, TLS (SNI NAME, ALPN http/1.1, trusting --ca) in the tunnel, HTTP/1.1
              mitm-h2    CONNECT NAME:443, TLS with ALPN h2, --streams concurrent h2 streams per tunnel
              tls        TLS straight to --server (SNI NAME, ALPN http/1.1, trusting --ca), HTTP/1.1
              tls-h2     TLS straight to --server with ALPN h2 and --streams concurrent streams
              first      for each of --names in turn: two tunnels one after the other (CONNECT NAME:443, full TLS
                         handshake, one GET), timing TCP connect, CONNECT->200, TLS handshake and GET

            options:
              --name NAME                 service name (default bench)
              --path /PATH                request path (default /)
              --concurrency C             connections, or tunnels, in parallel (default 10)
              --duration 10s              how long to run (default 10s); with --count, a hard cap
              --count N                   stop after N requests (a failed connection set-up uses one too);
                                          --count alone is capped at 10m
              --requests-per-connection K after K requests close and open a new connection or tunnel, with a full
                                          TLS handshake, never a resumed session (default 0: keep it forever)
              --tunnels N                 open N connections or tunnels in all, then end (a burst: with
                                          --concurrency N and --requests-per-connection 1, all at once)
              --streams S                 h2 streams in flight per connection (default 100)
              --ca FILE                   PEM root certificate to trust (TLS modes)
              --timeout 5s                per request and per connection set-up
              --warmup 0s                 run this long first without recording
              --label TEXT                copied into the JSON
              --names a,b,c               names for mode first
              --threads N                 event-loop threads (default 1: on a 2-core machine the client should
                                          leave the other core to the server under test)

            Errors are counted by kind (connect, reset, closed, timeout, bad_status, tls) and the connection is
            replaced; the exit status is 0 even then. Bad arguments: exit status 2.
            """;
}
