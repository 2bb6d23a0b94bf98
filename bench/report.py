#!/usr/bin/env python3
"""Every benchmark's raw rows -> markdown tables (standard library only). One script for all of bench/.

  report.py record key=value ...        one JSON line for throughput/matrix.sh's raw file; with type=run, the load
                                        generator's output is read from stdin and its last JSON line kept as "result"
  report.py matrix RUN.jsonl            throughput/matrix.sh: localhome, nginx and the backend direct, with targets
  report.py clients RAW.tsv             throughput/clients.sh: the same paths with wrk and h2load
  report.py reverse ROWS.tsv CLK_TCK    throughput/reverse.sh: direct vs through localhome, per connection count
  report.py before-after RAW.tsv ...    throughput/before-after.sh: two jars, per path
  report.py transports RAW.tsv          transports/transports.sh: epoll, io_uring, NIO
  report.py tunnels ROWS.tsv CLK_TCK    tunnels/tunnels.sh: new and keep-alive intercepted tunnels

Every cell is the median across rounds with (min–max). Ratios are taken per round (the systems of a scenario ran
back to back) and then summarised the same way, which keeps them meaningful on a loaded machine. CPU is a process's
utime+stime delta over a run divided by the requests it served: microseconds of CPU per request.
"""
import csv
import json
import os
import statistics
import statistics as st
import sys
from collections import defaultdict


NUMERIC = {"round", "exit", "server_ticks", "backend_ticks", "clk_tck", "peak_rss_kib", "rss_kib", "rounds",
           "seconds", "nproc", "idle_rss_kib", "localhome_rss_kib", "nginx_workers"}

SCENARIOS = [
    ("reverse-c10", "Reverse proxy, keep-alive, C=10", ["direct", "localhome", "nginx"]),
    ("reverse-c100", "Reverse proxy, keep-alive, C=100", ["direct", "localhome", "nginx"]),
    ("absolute-c10", "Absolute-form and CONNECT :80, keep-alive, C=10",
     ["direct", "localhome-absolute", "localhome-connect80"]),
    ("mitm-k20-c10", "Intercepted HTTPS, 20 requests per connection, C=10", ["direct", "nginx-tls", "localhome-mitm"]),
    ("mitm-k20-c100", "Intercepted HTTPS, 20 requests per connection, C=100",
     ["direct", "nginx-tls", "localhome-mitm"]),
    ("newtunnel-c10", "New tunnels: 1 request per connection (full handshake), C=10", ["nginx-tls", "localhome-mitm"]),
    ("h2", "h2 in one tunnel (C=1, 100 streams) vs h1 (C=6, keep-alive)", ["localhome-mitm", "localhome-h2"]),
    ("tunnels500", "500 concurrent tunnels, 5 requests each (bounded by count)", ["localhome-mitm"]),
]

SYSTEMS = {
    "direct": "direct (backend)",
    "localhome": "localhome reverse",
    "nginx": "nginx reverse proxy",
    "localhome-absolute": "localhome absolute-form (daemon without CA)",
    "localhome-connect80": "localhome CONNECT :80",
    "localhome-mitm": "localhome mitm (h1)",
    "localhome-h2": "localhome mitm-h2",
    "nginx-tls": "nginx TLS terminator",
}

# (scenario, system) -> targets; ("ratio", other system, at least), ("peak_mib", at most), ("clean",)
TARGETS = {
    ("reverse-c10", "localhome"): [("ratio", "direct", 0.80), ("ratio", "nginx", 1.3)],
    ("reverse-c100", "localhome"): [("ratio", "direct", 0.80), ("ratio", "nginx", 1.3)],
    ("absolute-c10", "localhome-absolute"): [("ratio", "direct", 0.70)],
    ("absolute-c10", "localhome-connect80"): [("ratio", "direct", 0.70)],
    ("mitm-k20-c10", "localhome-mitm"): [("ratio", "nginx-tls", 2.0)],
    ("mitm-k20-c100", "localhome-mitm"): [("ratio", "nginx-tls", 2.0), ("peak_mib", 160)],
    ("newtunnel-c10", "localhome-mitm"): [("ratio", "nginx-tls", 2.0)],
    ("h2", "localhome-h2"): [("ratio", "localhome-mitm", 1.0)],
    ("tunnels500", "localhome-mitm"): [("clean",)],
}
FIRST_P50_MS_MAX = 5.0
IDLE_MIB_MAX = 100
SHORT = {"direct": "direct", "nginx": "nginx", "nginx-tls": "nginx TLS", "localhome-mitm": "h1"}


# --- record ------------------------------------------------------------------------------------------------------

def value(key, text):
    if key in NUMERIC:
        try:
            return int(text)
        except ValueError:
            return None
    return {"true": True, "false": False}.get(text, text)


def last_json(text):
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                continue
    return None


def record(pairs):
    rec = {}
    for pair in pairs:
        key, _, text = pair.partition("=")
        rec[key] = value(key, text)
    if rec.get("type") == "run":
        rec["result"] = last_json(sys.stdin.read())
        res = rec["result"] or {}
        errors = sum((res.get("errors") or {}).values())
        print(f"  r{rec['round']} {rec['scenario']:<14} {rec['system']:<20} "
              f"{res.get('requests_per_s', 0):>9.0f} req/s  p50 {res.get('p50_ms')} ms  errors {errors}"
              f"  exit {rec['exit']}" + ("" if rec["result"] else "  (no JSON result)"), file=sys.stderr)
    print(json.dumps(rec))


# --- summarize ---------------------------------------------------------------------------------------------------

def spread(values, fmt="{:.0f}"):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    text = fmt.format(statistics.median(values))
    return text if len(values) == 1 else f"{text} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def metric(run, key):
    res = run.get("result")
    return None if not res or res.get(key) is None else float(res[key])


def cpu_us_per_request(run, ticks_key):
    requests = metric(run, "requests")
    if not requests:
        return None
    return run[ticks_key] * 1e6 / run["clk_tck"] / requests


def ratios(runs, other_runs):
    """Per round: this system's requests/s over the other's, from the same round."""
    other = {r["round"]: metric(r, "requests_per_s") for r in other_runs}
    out = []
    for r in runs:
        mine, theirs = metric(r, "requests_per_s"), other.get(r["round"])
        if mine is not None and theirs:
            out.append(mine / theirs)
    return out


def errors_cell(runs):
    """Errors by kind, then stalls apart: a stall (a request or set-up over 1 s) succeeded, slowly."""
    totals = defaultdict(int)
    stalls = 0
    for r in runs:
        res = r.get("result")
        if not res or r.get("exit"):
            totals["failed runs"] += 1
        if res:
            for k, v in (res.get("errors") or {}).items():
                totals[k] += int(v)
            stalls += int(res.get("stalls_over_1s") or 0)
    bad = {k: v for k, v in totals.items() if v}
    cell = "0" if not bad else f"**{sum(bad.values())}** (" + ", ".join(f"{k} {v}" for k, v in bad.items()) + ")"
    return cell + (f"; **{stalls}** stalls >1 s" if stalls else "")


def clean(runs):
    return bool(runs) and errors_cell(runs) == "0"


def judge(target, runs, by_system):
    """-> (goal, measured, met) for one target; met is None when there is nothing to judge."""
    kind = target[0]
    if kind == "ratio":
        other, least = target[1], target[2]
        rs = ratios(runs, by_system.get(other, []))
        med = median(rs)
        met = None if med is None else med >= least
        return f"≥{least:.2f}× {SHORT.get(other, other)}", spread(rs, "{:.2f}"), met
    if kind == "peak_mib":
        peaks = [r["peak_rss_kib"] / 1024 for r in runs if r.get("peak_rss_kib")]
        med = median(peaks)
        return f"peak RSS ≤{target[1]} MiB", spread(peaks) + " MiB", None if med is None else med <= target[1]
    if kind == "clean":
        worst = spread([metric(r, "max_ms") for r in runs], "{:.0f}")
        setup = spread([metric(r, "max_setup_ms") for r in runs], "{:.0f}")
        return ("0 errors, 0 stalls >1 s", f"errors {errors_cell(runs)}; max request {worst} ms, max set-up {setup} ms",
                clean(runs))
    raise ValueError(kind)


def verdict(met):
    return "–" if met is None else ("yes" if met else "**no**")


def matrix(path):
    start, end, runs = {}, {}, []
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("type") == "start":
                start = rec
            elif rec.get("type") == "end":
                end = rec
            else:
                runs.append(rec)

    grouped = defaultdict(lambda: defaultdict(list))
    for r in runs:
        grouped[r["scenario"]][r["system"]].append(r)

    out = [f"# localhome benchmark matrix, {start.get('utc', '?')}", ""]
    out.append(f"Machine: nproc {start.get('nproc')}, CPU \"{start.get('cpu')}\", Linux {start.get('kernel')}, "
               f"{start.get('java')}, Node {start.get('node')}, {start.get('nginx')} "
               f"({start.get('nginx_workers')} workers). localhome {start.get('localhome_git')} "
               f"(jar sha256 {start.get('localhome_jar_sha256')}), daemon JVM options "
               f"`{start.get('daemon_java_opts') or '(none)'}`, load generator JVM options "
               f"`{start.get('loadgen_java_opts') or '(none)'}`, extra load generator arguments "
               f"`{start.get('loadgen_args') or '(none)'}`.")
    out.append("")
    out.append(f"Load average (1/5/15 min) at start {start.get('loadavg_start')}, "
               f"at end {end.get('loadavg_end', '?')}. "
               f"rounds: {start.get('rounds')}, {start.get('seconds')} s per run (plus {start.get('run_warmup')} "
               f"unrecorded load-generator warm-up per run); in each round the systems of a scenario ran back to back, "
               f"in reverse order on even rounds. Cells: median (min–max) across rounds; ratios are per round. "
               f"Server CPU = utime+stime of the serving process(es) over the run ÷ requests (the backend for direct, "
               f"master+workers for nginx); peak RSS = VmHWM"
               + (" reset before each run" if end.get("hwm_reset", True) else " (could not be reset: whole-life peak)")
               + " (nginx: sum of the workers).")
    out.append("")

    # targets summary
    rows = []
    for scenario, title, systems in SCENARIOS:
        for system in systems:
            for target in TARGETS.get((scenario, system), []):
                goal, measured, met = judge(target, grouped[scenario][system], grouped[scenario])
                rows.append(f"| {scenario} | {SYSTEMS[system]} | {goal} | {measured} | {verdict(met)} |")
    first_runs = grouped["first"].get("localhome-first", [])
    first_p50 = [metric(r, "first_p50_ms") for r in first_runs]
    first_med = median(first_p50)
    rows.append(f"| first | localhome | first p50 ≤{FIRST_P50_MS_MAX:g} ms | {spread(first_p50, '{:.2f}')} ms "
                f"| {verdict(None if first_med is None else first_med <= FIRST_P50_MS_MAX)} |")
    idle = start.get("idle_rss_kib")
    idle_mib = None if not idle else idle / 1024
    rows.append(f"| idle | localhome | VmRSS before load ≤{IDLE_MIB_MAX} MiB | "
                f"{'–' if idle_mib is None else f'{idle_mib:.0f}'} MiB "
                f"| {verdict(None if idle_mib is None else idle_mib <= IDLE_MIB_MAX)} |")
    out += ["## Targets", "", "| scenario | system | target | measured | met? |", "|---|---|---|---:|---|", *rows, ""]

    # one table per scenario
    for scenario, title, systems in SCENARIOS:
        by_system = grouped[scenario]
        if not by_system:
            continue
        nginx = next((s for s in systems if s.startswith("nginx")), None)
        out += [f"## {title} (`{scenario}`)", "",
                "| system | req/s | ×direct | ×nginx | connections/s | p50 / p99 / max ms | errors "
                "| server CPU µs/req | backend CPU µs/req | server peak RSS MiB | target / met? |",
                "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|"]
        for system in systems:
            rs = by_system.get(system, [])
            if not rs:
                continue
            vs_direct = "–" if system == "direct" or "direct" not in by_system else \
                spread(ratios(rs, by_system["direct"]), "{:.2f}")
            vs_nginx = "–" if nginx is None or system == nginx or nginx not in by_system else \
                spread(ratios(rs, by_system[nginx]), "{:.2f}")
            lat = " / ".join(spread([metric(r, k) for r in rs], "{:.2f}") for k in ("p50_ms", "p99_ms")) + \
                " / " + spread([metric(r, "max_ms") for r in rs], "{:.1f}")
            targets = [judge(t, rs, by_system) for t in TARGETS.get((scenario, system), [])]
            target_cell = "; ".join(f"{goal}: {measured} → {verdict(met)}" for goal, measured, met in targets)
            out.append(
                f"| {SYSTEMS[system]} | {spread([metric(r, 'requests_per_s') for r in rs])} | {vs_direct} | {vs_nginx} "
                f"| {spread([metric(r, 'connections_per_s') for r in rs])} | {lat} | {errors_cell(rs)} "
                f"| {spread([cpu_us_per_request(r, 'server_ticks') for r in rs], '{:.1f}')} "
                f"| {spread([cpu_us_per_request(r, 'backend_ticks') for r in rs], '{:.1f}')} "
                f"| {spread([r['peak_rss_kib'] / 1024 if r.get('peak_rss_kib') else None for r in rs])} "
                f"| {target_cell or '–'} |")
        out.append("")

    if first_runs:
        out += ["## First tunnel to never-seen names (`first`, localhome)", "",
                "Per round: p50 and max over the names of the first tunnel (mint + handshake), p50 of the second; "
                "the phases are medians over the first tunnels.", "",
                "| round | names | first p50 ms | first max ms | second p50 ms "
                "| first: TCP / CONNECT→200 / TLS / GET ms | errors |",
                "|---:|---:|---:|---:|---:|---:|---|"]
        for r in sorted(first_runs, key=lambda r: r["round"]):
            tunnels = [t for t in (r.get("result") or {}).get("names") or [] if isinstance(t, dict)]
            firsts = [t for t in tunnels if t.get("tunnel") == 1]
            phases = " / ".join(spread([median([t.get(k) for t in firsts])], "{:.2f}")
                                for k in ("tcp_ms", "connect_ms", "tls_ms", "get_ms"))
            out.append(f"| {r['round']} | {len({t.get('name') for t in tunnels})} "
                       f"| {spread([metric(r, 'first_p50_ms')], '{:.2f}')} "
                       f"| {spread([metric(r, 'first_max_ms')], '{:.2f}')} "
                       f"| {spread([metric(r, 'second_p50_ms')], '{:.2f}')} | {phases} | {errors_cell([r])} |")
        out.append(f"| all | | {spread(first_p50, '{:.2f}')} "
                   f"| {spread([metric(r, 'first_max_ms') for r in first_runs], '{:.2f}')} "
                   f"| {spread([metric(r, 'second_p50_ms') for r in first_runs], '{:.2f}')} | "
                   f"| {errors_cell(first_runs)} |")
        out.append("")

    peaks = [r["peak_rss_kib"] / 1024 for r in grouped["mitm-k20-c100"].get("localhome-mitm", [])
             if r.get("peak_rss_kib")]
    end_rss = end.get("localhome_rss_kib")
    out += ["## localhome memory", "",
            "| idle VmRSS before load | peak VmHWM during mitm C=100 | VmRSS at the end |", "|---:|---:|---:|",
            f"| {'–' if idle_mib is None else f'{idle_mib:.0f}'} MiB | {spread(peaks)} MiB "
            f"| {'–' if not end_rss else f'{end_rss / 1024:.0f}'} MiB |", ""]
    print("\n".join(out))


# --- reverse.sh and tunnels.sh ----------------------------------------------------------------------------------




def num(text):
    return None if text in ("", "None", "null") else float(text)


def tsv_rows(path):
    with open(path) as f:
        return list(csv.DictReader(f, delimiter="\t"))


def cpu_us_per_req(ticks, requests, clk):
    requests = float(requests)
    return None if requests <= 0 else float(ticks) * 1e6 / clk / requests


def reverse(path, clk):
    data = defaultdict(list)
    for r in tsv_rows(path):
        data[(int(r["conns"]), r["target"])].append(r)
    conns = sorted({c for c, _ in data})
    print("| connections | direct req/s | proxy req/s | proxy/direct | direct p50 / p99 ms | proxy p50 / p99 ms "
          "| errors direct / proxy | proxy CPU µs/req | backend CPU µs/req direct / via proxy |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for c in conns:
        d, p = data[(c, "direct")], data[(c, "proxy")]
        by_round_d = {r["round"]: r for r in d}
        ratios = [float(r["rps"]) / float(by_round_d[r["round"]]["rps"]) for r in p if r["round"] in by_round_d]

        def errs(rs):
            total = defaultdict(int)
            for r in rs:
                for k in ("non2xx", "connect_err", "read_err", "write_err", "timeout_err"):
                    total[k] += int(r[k] or 0)
            s = sum(total.values())
            return "0" if s == 0 else f"**{s}** (" + ", ".join(f"{k} {v}" for k, v in total.items() if v) + ")"

        lat = lambda rs: (spread([num(r["p50_ms"]) for r in rs], "{:.2f}") + " / "
                          + spread([num(r["p99_ms"]) for r in rs], "{:.2f}"))
        print(f"| {c} | {spread([float(r['rps']) for r in d])} | {spread([float(r['rps']) for r in p])} "
              f"| **{spread(ratios, '{:.2f}')}** | {lat(d)} | {lat(p)} | {errs(d)} / {errs(p)} "
              f"| {spread([cpu_us_per_req(r['proxy_ticks'], r['requests'], clk) for r in p], '{:.1f}')} "
              f"| {spread([cpu_us_per_req(r['backend_ticks'], r['requests'], clk) for r in d], '{:.1f}')} / "
              f"{spread([cpu_us_per_req(r['backend_ticks'], r['requests'], clk) for r in p], '{:.1f}')} |")


def tunnels(path, clk):
    data = defaultdict(list)
    for r in tsv_rows(path):
        data[(r["mode"], int(r["conns"]))].append(r)
    print("| mode | tunnels (C) | tunnels/s | requests/s | p50 / p99 / max ms | requests ok | errors "
          "| proxy CPU µs/req | proxy VmHWM MiB after run |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (mode, c) in sorted(data, key=lambda k: (k[0], k[1])):
        rs = data[(mode, c)]
        errors = defaultdict(int)
        for r in rs:
            for kv in filter(None, r["errors"].split(",")):
                k, v = kv.split("=")
                errors[k] += int(v)
        e = sum(errors.values())
        err = "0" if e == 0 else f"**{e}** (" + ", ".join(f"{k} {v}" for k, v in sorted(errors.items())) + ")"
        lat = (spread([num(r["p50_ms"]) for r in rs], "{:.2f}") + " / " + spread([num(r["p99_ms"]) for r in rs], "{:.2f}")
               + " / " + spread([num(r["max_ms"]) for r in rs], "{:.1f}"))
        print(f"| {mode} | {c} | {spread([float(r['tunnels_per_s']) for r in rs])} "
              f"| {spread([float(r['requests_per_s']) for r in rs])} | {lat} "
              f"| {sum(int(r['requests']) for r in rs)} | {err} "
              f"| {spread([cpu_us_per_req(r['proxy_ticks'], r['requests'], clk) for r in rs], '{:.1f}')} "
              f"| {spread([int(r['vmhwm_kib']) / 1024 for r in rs], '{:.0f}')} |")


# --- clients.sh --------------------------------------------------------------------------------------------------

def clients(path):
    """bench/throughput/clients.sh's rows: per scenario and system, median req/s, ratios within each round (against
    nginx, the backend direct, and for h2 against localhome's HTTP/1.1 over six tunnels), server CPU µs/req."""
    rows, meta = [], []
    for line in open(path):
        if line.startswith('#'):
            meta.append(line[1:].strip()); continue
        f = line.rstrip('\n').split('\t')
        if f[0] == 'round':
            continue
        if len(f) > 1 and not any(f[1:]) and rows:  # a loop_ticks value printf wrapped onto a line of its own (b158dbc's script)
            rows[-1]['lticks'] = int(f[0]) if f[0] not in ('', '0') else None
            continue
        r, scen, system, n, secs, err, ticks, bticks, clk, load = f[:10]
        rows.append(dict(round=int(r), scen=scen, system=system, n=int(n), secs=float(secs), err=int(err),
                         ticks=int(ticks), bticks=int(bticks), clk=int(clk), load=float(load),
                         ccpu=float(f[10]) if len(f) > 10 else float('nan'),
                         lticks=int(f[11]) if len(f) > 11 and f[11] != '0' else None))

    by = defaultdict(dict)  # (scen, round) -> system -> row
    for x in rows:
        x['rps'] = x['n'] / x['secs'] if x['secs'] else 0
        x['cpu'] = x['ticks'] / x['clk'] / x['n'] * 1e6 if x['n'] else float('nan')
        x['bcpu'] = x['bticks'] / x['clk'] / x['n'] * 1e6 if x['n'] else float('nan')
        x['client'] = x['ccpu'] / x['n'] * 1e6 if x['n'] else float('nan')
        x['loops'] = x['lticks'] / x['clk'] / x['n'] * 1e6 if x['n'] and x['lticks'] is not None else float('nan')
        by[(x['scen'], x['round'])][x['system']] = x

    def med(v):
        v = [a for a in v if a == a]
        if not v:
            return '–'
        m = st.median(v)
        return f"{m:.2f} ({min(v):.2f}–{max(v):.2f})" if m < 10 else f"{m:.0f} ({min(v):.0f}–{max(v):.0f})"

    def ratio(scen, system, other):
        return [by[k][system]['rps'] / by[k][other]['rps'] for k in by if k[0] == scen
                and system in by[k] and other in by[k] and by[k][other]['rps']]

    print('Runs: ' + '; '.join(meta))
    print()
    print('| scenario | system | req/s | ×nginx | ×direct | ×h1 over 6 tunnels | server CPU µs/req | of which event loops | backend CPU µs/req | client CPU µs/req | errors |')
    print('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    seen = []
    for x in rows:
        if (x['scen'], x['system']) not in seen:
            seen.append((x['scen'], x['system']))
    for scen, system in seen:
        mine = [x for x in rows if x['scen'] == scen and x['system'] == system]
        nginx = 'nginx-h2' if scen.startswith('h2') else 'nginx'
        cells = [
            med([x['rps'] for x in mine]),
            med(ratio(scen, system, nginx)) if system != nginx else '–',
            med(ratio(scen, system, 'direct')) if system != 'direct' else '–',
            med(ratio(scen, system, 'localhome-h1x6')) if scen.startswith('h2') and system != 'localhome-h1x6' else '–',
            med([x['cpu'] for x in mine]),
            med([x['loops'] for x in mine]),
            med([x['bcpu'] for x in mine]) if system != 'direct' else '(same)',
            med([x['client'] for x in mine]),
            str(sum(x['err'] for x in mine)),
        ]
        print(f"| {scen} | {system} | " + ' | '.join(cells) + ' |')


# --- transports.sh -----------------------------------------------------------------------------------------------

def transports(path):
    """bench/transports/transports.sh's rows: per path and transport, req/s and daemon CPU per request (medians over
    rounds, with min–max), each transport's CPU per request relative to epoll's in the same round (median of the
    per-round ratios: robust to a loaded machine), and pooled."""
    rows = list(csv.DictReader(open(path), delimiter='\t'))
    clk = os.sysconf("SC_CLK_TCK")
    label = {"reverse": "reverse by Host, keep-alive, c=10 (wrk -t1)", "reverse100": "reverse by Host, keep-alive, c=100 (wrk -t1)",
             "mitm": "intercepted TLS h1, c=10, 20 req/tunnel", "h2": "intercepted h2, 1 tunnel x 100 streams",
             "newtunnel": "new tunnels, c=10, 1 req/tunnel (CPU per tunnel)"}
    transports = list(dict.fromkeys(r["transport"] for r in rows))
    scens = list(dict.fromkeys(r["scen"] for r in rows))
    def cell(v): return f"{st.median(v):.0f} ({min(v):.0f}–{max(v):.0f})"
    print("| path | " + " | ".join(f"{t} req/s" for t in transports) + " | " + " | ".join(f"{t} CPU µs/req" for t in transports)
          + " | " + " | ".join(f"{t}/epoll CPU" for t in transports if t != "epoll")
          + " | " + " | ".join(f"{t} CPU pooled" for t in transports) + " | errors |")
    print("|---" * (1 + 4 * len(transports)) + "|")
    for s in scens:
        R = {}
        for r in rows:
            if r["scen"] != s: continue
            n, sec, t = int(r["requests"]), float(r["secs"]), int(r["ticks"])
            R.setdefault(r["round"], {})[r["transport"]] = (n / sec, t / clk * 1e6 / max(n, 1))
        rounds = sorted(R)
        rps = [cell([R[k][t][0] for k in rounds]) for t in transports]
        cpu = [cell([R[k][t][1] for k in rounds]) for t in transports]
        rel = []
        for t in transports:
            if t == "epoll": continue
            q = [R[k][t][1] / R[k]["epoll"][1] for k in rounds if "epoll" in R[k]]
            rel.append(f"**{st.median(q):.2f}** ({min(q):.2f}–{max(q):.2f})" if q else "–")
        # pooled: all the ticks of the path over all its requests, so a round that collapsed under other load (few
        # requests, the daemon's fixed background CPU divided by them) weighs as little as it measured
        pooled = []
        for t in transports:
            mine = [r for r in rows if r["scen"] == s and r["transport"] == t]
            pooled.append(f"{sum(int(r['ticks']) for r in mine) / clk * 1e6 / max(sum(int(r['requests']) for r in mine), 1):.0f}")
        errs = sum(int(str(r["errors"]).split("/")[0] or 0) for r in rows if r["scen"] == s)
        print(f"| {label.get(s, s)} | " + " | ".join(rps) + " | " + " | ".join(cpu) + " | " + " | ".join(rel) + " | " + " | ".join(pooled) + f" | {errs} |")


# --- before-after.sh ---------------------------------------------------------------------------------------------

def before_after(paths):
    """bench/throughput/before-after.sh's rows: per path, old vs new req/s and daemon CPU per request, as medians of
    the per-round ratios (robust to a loaded machine)."""
    rows = []
    for i, f in enumerate(paths):
        for r in csv.DictReader(open(f), delimiter='\t'):
            r['round'] = f'{i}.{r["round"]}'; rows.append(r)
    clk = int(os.sysconf("SC_CLK_TCK"))
    scens = ["reverse", "mitm", "h2", "newtunnel"]
    label = {"reverse": "reverse by Host, keep-alive, c=10 (wrk -t1)", "mitm": "intercepted TLS h1, c=10, 20 req/tunnel",
             "h2": "intercepted h2, 1 tunnel x 100 streams", "newtunnel": "new tunnels, c=10, 1 req/tunnel (per tunnel)"}
    print("| path | old req/s | new req/s | req/s new/old | old CPU µs/req | new CPU µs/req | CPU new/old: median of per-round ratios (range) | CPU new/old pooled | errors (all runs) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for s in scens:
        R = {}
        for r in rows:
            if r["scen"] != s: continue
            n, sec, t = int(r["requests"]), float(r["secs"]), int(r["ticks"])
            R.setdefault(r["round"], {})[r["ver"]] = (n / sec, t / clk * 1e6 / max(n, 1), r["errors"])
        rounds = sorted(R)
        if not rounds: continue  # a run of SCENS without this path
        med = lambda v, i: st.median(R[k][v][i] for k in rounds)
        rr = [R[k]["new"][0] / R[k]["old"][0] for k in rounds]
        cr = [R[k]["new"][1] / R[k]["old"][1] for k in rounds]
        pool = {v: sum(int(r["ticks"]) for r in rows if r["scen"] == s and r["ver"] == v) / sum(int(r["requests"]) for r in rows if r["scen"] == s and r["ver"] == v) for v in ("old", "new")}
        errs = "/".join(",".join(R[k][v][2] for k in rounds) for v in ("old", "new"))
        print(f"| {label[s]} | {med('old',0):.0f} | {med('new',0):.0f} | {st.median(rr):.2f} ({min(rr):.2f}–{max(rr):.2f}) | "
              f"{med('old',1):.0f} | {med('new',1):.0f} | **{st.median(cr):.2f}** ({min(cr):.2f}–{max(cr):.2f}) | {pool['new']/pool['old']:.2f} | {sum(int(e) for k in rounds for v in ('old','new') for e in [R[k][v][2]])} |")


def footprint(path):
    """footprint.sh's samples: phase, label, VmRSS, RssAnon, RssFile, VmHWM (KiB), threads, CPU ticks, load."""
    rows = [line.rstrip("\n").split("\t") for line in open(path) if line.strip()]
    mib = lambda kib: f"{int(kib) / 1024:.1f}"
    idle = [r for r in rows if r[0] == "idle"]
    if idle:
        med = lambda i: st.median(int(r[i]) for r in idle)
        print(f"| idle {len(idle)} starts, median | VmRSS MiB | anonymous | file-backed | threads | load |")
        print("|---|---:|---:|---:|---:|---:|")
        print(f"| 5 s after LISTENING | {mib(med(2))} ({mib(min(int(r[2]) for r in idle))}–{mib(max(int(r[2]) for r in idle))})"
              f" | {mib(med(3))} | {mib(med(4))} | {st.median(int(r[6]) for r in idle):.0f} | {idle[0][8]}–{idle[-1][8]} |")
        print()
    for phase, title in (("peak", "load matrix, one step after the other"), ("soak", "light use")):
        some = [r for r in rows if r[0] == phase]
        if not some: continue
        print(f"| {phase}: {title} | VmRSS MiB | anonymous | file-backed | VmHWM MiB | threads | daemon CPU s | load |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        t0 = int(some[0][7])
        for r in some:
            print(f"| {r[1]} | {mib(r[2])} | {mib(r[3])} | {mib(r[4])} | {mib(r[5])} | {r[6]} | {(int(r[7]) - t0) / 100:.1f} | {r[8]} |")
        print()


def nmt(path):
    """footprint.sh's .nmt.txt (jcmd VM.native_memory summary per phase): committed MiB by category and phase."""
    import re
    phases, table, order = [], defaultdict(dict), []
    for line in open(path):
        if line.startswith("== "):
            phases.append(line[3:].split(" (")[0].strip())
            continue
        m = re.match(r"^-\s+(.+?) \(reserved=\d+KB, committed=(\d+)KB", line) or re.match(r"^(Total): reserved=\d+KB, committed=(\d+)KB", line)
        if m and phases:
            name = m.group(1).strip()
            if name not in order: order.append(name)
            table[name][phases[-1]] = int(m.group(2))
    print("| NMT committed, MiB | " + " | ".join(phases) + " |")
    print("|---" + "|---:" * len(phases) + "|")
    for name in sorted(order, key=lambda n: (n != "Total", -max(table[n].values()))):
        if name != "Total" and max(table[name].values()) < 512: continue  # under 0.5 MiB everywhere
        print(f"| {name} | " + " | ".join(f"{table[name].get(p, 0) / 1024:.1f}" for p in phases) + " |")


COMMANDS = {
    "footprint": lambda args: footprint(args[0]),
    "nmt": lambda args: nmt(args[0]),
    "record": lambda args: record(args),
    "matrix": lambda args: matrix(*args),
    "clients": lambda args: clients(*args),
    "reverse": lambda args: reverse(args[0], float(args[1])),
    "before-after": lambda args: before_after(args),
    "transports": lambda args: transports(*args),
    "tunnels": lambda args: tunnels(args[0], float(args[1])),
}

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])
