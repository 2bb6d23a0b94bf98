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
  report.py pageload RAW.tsv            pageload/pageload.sh: a Vite page in Chromium, direct and through each path
  report.py idle RAW.tsv                idle/idle.sh: CPU and wake-ups per minute while nothing happens, per thread
  report.py peers RAW.tsv...            peers/compare.sh: localhome beside Caddy, portless, nginx, direct

Every cell is the median across rounds with (min–max). Ratios are taken per round (the systems of a scenario ran
back to back) and then summarised the same way, which keeps them meaningful on a loaded machine. CPU is a process's
utime+stime delta over a run divided by the requests it served: microseconds of CPU per request.
"""
import csv
import json
import os
import re
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
                         lticks=int(f[11]) if len(f) > 11 and f[11] != '0' else None,
                         kticks=int(f[12]) if len(f) > 12 else None))

    by = defaultdict(dict)  # (scen, round) -> system -> row
    for x in rows:
        x['rps'] = x['n'] / x['secs'] if x['secs'] else 0
        x['cpu'] = x['ticks'] / x['clk'] / x['n'] * 1e6 if x['n'] else float('nan')
        x['bcpu'] = x['bticks'] / x['clk'] / x['n'] * 1e6 if x['n'] else float('nan')
        x['client'] = x['ccpu'] / x['n'] * 1e6 if x['n'] else float('nan')
        x['loops'] = x['lticks'] / x['clk'] / x['n'] * 1e6 if x['n'] and x['lticks'] is not None else float('nan')
        x['kernel'] = x['kticks'] / x['clk'] / x['n'] * 1e6 if x['n'] and x['kticks'] is not None else float('nan')
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

    def cpu_ratio(scen, system, other):  # server CPU per request against other's, within each round
        return [by[k][system]['cpu'] / by[k][other]['cpu'] for k in by if k[0] == scen
                and system in by[k] and other in by[k] and by[k][other]['cpu'] == by[k][other]['cpu'] and by[k][other]['cpu']]

    print('Runs: ' + '; '.join(meta))
    print()
    print('| scenario | system | req/s | ×nginx | ×direct | ×h1 over 6 tunnels | server CPU µs/req | **CPU ×nginx** | of which kernel | of which event loops | backend CPU µs/req | client CPU µs/req | errors |')
    print('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
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
            med(cpu_ratio(scen, system, nginx)) if system != nginx and system != 'direct' else '–',
            med([x['kernel'] for x in mine]),
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
    scens = list(dict.fromkeys(r["scen"] for r in rows))
    label = {"reverse": "reverse by Host, keep-alive, c=10 (wrk -t1)", "mitm": "intercepted TLS h1, c=10, 20 req/tunnel",
             "h2": "intercepted h2, 1 tunnel x 100 streams", "newtunnel": "new tunnels, c=10, 1 req/tunnel (per tunnel)",
             "reverse100": "reverse by Host, keep-alive, c=100 (wrk -t1)",
             "reverse-close": "reverse by Host, a connection per request, c=10 (wrk -t1, Connection: close)",
             "h2load": "intercepted h2, 1 tunnel x 100 streams (h2load)", "h2load-6x10": "intercepted h2, 6 tunnels x 10 streams (h2load)",
             "h2load-h1x6": "intercepted TLS h1, 6 tunnels (h2load --h1)"}
    def errors(cell):  # a count, or wrk's "non-2xx/connect0,read0,..." form
        return sum(int(x) for x in re.findall(r"\d+", cell or "0"))
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
        print(f"| {label.get(s, s)} | {med('old',0):.0f} | {med('new',0):.0f} | {st.median(rr):.2f} ({min(rr):.2f}–{max(rr):.2f}) | "
              f"{med('old',1):.0f} | {med('new',1):.0f} | **{st.median(cr):.2f}** ({min(cr):.2f}–{max(cr):.2f}) | {pool['new']/pool['old']:.2f} | {sum(errors(R[k][v][2]) for k in rounds for v in ('old','new'))} |")


# --- pageload.sh --------------------------------------------------------------------------------------------------

PAGE_PATHS = [("direct", "direct `http://127.0.0.1:<vite>/`"), ("h1", "h1 `http://<name>.localhost:<port>/`"),
              ("pac-http", "PAC `http://<name>/` (→ redirect to https)"), ("pac-https", "PAC `https://<name>/` (TLS intercepted)")]


def pageload(path):
    """bench/pageload/pageload.sh's rows: per path, the page's time cold, warm and for an HMR edit (ms, median with
    min–max over rounds), each as a ratio to direct within its round; backend connections and daemon CPU per load;
    then the first visit after a daemon start against the steady state of the same path."""
    meta, rows = [], []
    with open(path) as f:
        lines = []
        for line in f:
            (meta if line.startswith("#") else lines).append(line[1:].strip() if line.startswith("#") else line)
    rows = list(csv.DictReader(lines, delimiter="\t"))
    ok = [r for r in rows if not r["error"] and r["ms"]]
    for r in ok:
        r["ms"] = float(r["ms"])
        r["cpu_ms"] = float(r["daemon_ticks"]) * 1000 / float(r["clk_tck"]) if r["daemon_ticks"] else None
        r["conns"] = float(r["backend_conns"]) if r["backend_conns"] else None
    errors = defaultdict(list)
    for r in rows:
        if r["error"]:
            errors[(r["phase"], r["path"], r["kind"])].append(r["error"])

    def cell(values, fmt="{:.0f}"):
        return spread([v for v in values if v is not None], fmt)

    print("Runs: " + "; ".join(meta))
    print()
    rounds = [r for r in ok if r["phase"] == "rounds"]
    by = {(r["round"], r["path"], r["kind"]): r for r in rounds}
    n_rounds = len({r["round"] for r in rounds})
    print(f"**Rounds** ({n_rounds}; each path in a new Chromium with a fresh profile, the order rotated per round). "
          "Page ready = every module ran and every image decoded, from the start of the navigation. "
          "×direct: the ratio to direct in the same round, median (min–max). Backend connections: TCP connections "
          "Vite accepted during the load. Daemon CPU: utime+stime over the load.")
    print()
    print("| path | requests, protocol | cold ms | cold ×direct | warm ms | warm ×direct | HMR ms | HMR ×direct "
          "| backend conns cold / warm | daemon CPU ms cold / warm / HMR | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for p, label in PAGE_PATHS:
        mine = [r for r in rounds if r["path"] == p]
        if not mine and not any(k[1] == p for k in errors if k[0] == "rounds"):
            continue

        def kind(k):
            return [r for r in mine if r["kind"] == k]

        def vs_direct(k):
            if p == "direct":
                return "–"
            return cell([r["ms"] / by[(r["round"], "direct", k)]["ms"] for r in kind(k)
                         if (r["round"], "direct", k) in by and by[(r["round"], "direct", k)]["ms"]], "{:.2f}")

        protocols = "/".join(sorted({r["protocol"] for r in kind("cold") if r["protocol"]})) or "–"
        requests = cell([float(r["requests"]) for r in kind("cold") if r["requests"]])
        errs = sum(len(v) for k, v in errors.items() if k[0] == "rounds" and k[1] == p)
        print(f"| {label} | {requests}, {protocols} | {cell([r['ms'] for r in kind('cold')])} | **{vs_direct('cold')}** "
              f"| {cell([r['ms'] for r in kind('warm')])} | {vs_direct('warm')} "
              f"| {cell([r['ms'] for r in kind('hmr')])} | {vs_direct('hmr')} "
              f"| {cell([r['conns'] for r in kind('cold')])} / {cell([r['conns'] for r in kind('warm')])} "
              + f"| {cell([r['cpu_ms'] for r in kind('cold')])} / {cell([r['cpu_ms'] for r in kind('warm')])} / "
                f"{cell([r['cpu_ms'] for r in kind('hmr')])}{' (idle: it serves nothing)' if p == 'direct' else ''} "
              + f"| {errs or 0} |")
    print()

    first = [r for r in ok if r["phase"] == "first"]
    if first or any(k[0] == "first" for k in errors):
        direct_cold = median([r["ms"] for r in rounds if r["path"] == "direct" and r["kind"] == "cold"])
        print("**First visits after a start** (the daemon stopped and started again before each path, Vite kept "
              "running; a new Chromium, a new browser context per load): the first cold load, then cold loads for "
              "the warm-up time, then the steady ones. ×direct: against the median cold direct load of the rounds.")
        print()
        print("| path | first visit ms | ×direct | daemon CPU ms | backend conns | warm-up loads | steady ms "
              "| ×direct | daemon CPU ms | backend conns | first ÷ steady | errors |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for p, label in PAGE_PATHS:
            mine = [r for r in first if r["path"] == p]
            if not mine:
                continue
            f1 = [r for r in mine if r["kind"] == "first"]
            steady = [r for r in mine if r["kind"] == "steady"]
            warmups = [r for r in mine if r["kind"] == "warmup"]
            steady_ms = median([r["ms"] for r in steady])
            ratio = lambda rs: cell([r["ms"] / direct_cold for r in rs], "{:.2f}") if direct_cold else "–"
            errs = sum(len(v) for k, v in errors.items() if k[0] == "first" and k[1] == p)
            print(f"| {label} | {cell([r['ms'] for r in f1])} | {ratio(f1)} | {cell([r['cpu_ms'] for r in f1])} "
                  f"| {cell([r['conns'] for r in f1])} | {len(warmups)} | {cell([r['ms'] for r in steady])} "
                  f"| {ratio(steady)} | {cell([r['cpu_ms'] for r in steady])} | {cell([r['conns'] for r in steady])} "
                  f"| **{cell([r['ms'] / steady_ms for r in f1], '{:.2f}') if steady_ms else '–'}** | {errs or 0} |")
        print()
    if errors:
        print("Errors: " + "; ".join(f"{ph}/{p}/{k}: {len(v)}× {v[0]}" for (ph, p, k), v in sorted(errors.items())))
def idle(path, top=8):
    """bench/idle/idle.sh's rows: per system, CPU and wake-ups per minute of doing nothing; then its busiest threads."""
    rows = list(csv.DictReader(open(path), delimiter='\t'))
    systems = list(dict.fromkeys(r["system"] for r in rows))
    target = 60  # ms of CPU per minute
    print(f"| system | CPU per idle minute | wake-ups per minute | busiest threads (ms/min) | processes | dashboard tab | load average (start-end) | target ≤ {target} ms/min |")
    print("|---|---:|---:|---|---:|---|---|---|")
    for s in systems:
        mine = [r for r in rows if r["system"] == s]
        minutes = float(mine[0]["seconds"]) / 60
        process = [r for r in mine if r["thread"] == "(process)"]
        wakes = sum(int(r["switches"]) for r in process) / minutes
        threads = defaultdict(float)
        for r in mine:
            if r["thread"] != "(process)":
                threads[r["thread"]] += int(r["cpu_ns"]) / 1e6 / minutes
        # utime+stime keeps exited threads' time but counts in 10 ms ticks; the threads' sum is exact: the larger
        ms = max(sum(int(r["cpu_ns"]) for r in process) / 1e6 / minutes, sum(threads.values()))
        busiest = ", ".join(f"{t} {v:.1f}" for t, v in sorted(threads.items(), key=lambda x: -x[1])[:top] if v >= 0.05)
        verdict = ("met" if ms <= target else "missed") if mine[0]["label"].startswith("localhome") else "–"
        print(f"| {mine[0]['label']} | {ms:.1f} ms | {wakes:.0f} | {busiest or '–'} | {mine[0]['processes']} | {mine[0]['tab']} "
              f"| {mine[0]['load']} | {verdict} |")
    print()
    print("CPU from utime+stime (10 ms ticks) or the threads' schedstat (ns), whichever is larger; threads grouped by "
          "name; wake-ups are context switches of all threads.")


# --- peers/compare.sh --------------------------------------------------------------------------------------------

PEERS_COLUMNS = ["caddy", "portless", "nginx", "direct"]
PEERS_NAMES = {"caddy": "Caddy", "portless": "portless", "nginx": "nginx", "direct": "direct (backend)"}
PEERS_SCENARIOS = [
    ("rev-c10", "reverse keep-alive c=10 (wrk)"),
    ("rev-c100", "reverse keep-alive c=100 (wrk)"),
    ("rev-close", "new connection per request c=10 (wrk)"),
    ("h2-1x100", "HTTPS h2, 1 connection × 100 streams (h2load)"),
    ("h2-6x10", "HTTPS h2, 6 connections × 10 streams (h2load)"),
]


def peers(*paths):
    """bench/peers/compare.sh's rows: one table per figure a user feels, the systems as columns. Cells are
    medians with (min–max) over the rounds; ratios to nginx are taken per round, then summarised the same way.
    Several raw files (runs of different PARTS) make one report; a part in two files counts from the last."""
    metas, data = [], defaultdict(dict)  # data[(part, system, metric)][round] = value
    for path in paths:
        meta, rows = {}, defaultdict(dict)
        with open(path) as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("# "):
                    key, _, val = line[2:].partition("=")
                    meta[key] = val
                    continue
                fields = line.split("\t")
                if len(fields) != 5 or fields[0] == "part":
                    continue
                part, system, metric, rnd, val = fields
                rows[(part, system, metric)][int(rnd)] = float(val)
        for key in {k for k in data if k[0] in {p for (p, _, _) in rows}}:
            del data[key]
        data.update(rows)
        meta["parts_measured"] = " ".join(dict.fromkeys(p for (p, _, _) in rows)) or "none"
        metas.append(meta)
    meta = {k: v for m in metas for k, v in m.items()}
    clk = float(meta.get("clk_tck", os.sysconf("SC_CLK_TCK")))
    lh = sorted({s for (_, s, _) in data if s.startswith("lh")}, key=lambda s: -int(s[2:]))
    if not lh:
        lh = sorted({k[len("version_"):] for k in meta if k.startswith("version_lh")}, key=lambda s: -int(s[2:]))
    systems = lh + PEERS_COLUMNS
    names = dict(PEERS_NAMES, **{s: f"localhome (JDK {s[2:]})" for s in lh})

    def values(part, system, metric):
        return data.get((part, system, metric), {})

    def cell(vals, fmt="{:.0f}", scale=1.0):
        vals = [v * scale for v in vals.values()] if isinstance(vals, dict) else [v * scale for v in vals]
        return spread(vals, fmt) if vals else None

    def table(title, rows, notes):
        if all(fn(s) is None for _, fn in rows for s in systems):
            return []  # a part this run left out
        out = [f"**{title}**", "", "| | " + " | ".join(names[s] for s in systems) + " |",
               "|---|" + "---:|" * len(systems)]
        for label, fn in rows:
            cells = []
            for s in systems:
                got = fn(s)
                cells.append("–" if got is None else got)
            out.append(f"| {label} | " + " | ".join(cells) + " |")
        if notes:
            out += [""] + [f"– {n}" for n in notes]
        return out + [""]

    # per-round server CPU µs per request of one scenario
    def cpu_rounds(sc, s, ticks="server_ticks"):
        req = values("load", s, f"{sc}/requests")
        t = values("load", s, f"{sc}/{ticks}")
        return {r: t[r] * 1e6 / clk / req[r] for r in req if req[r] and r in t}

    def rps_rounds(sc, s):
        req, sec = values("load", s, f"{sc}/requests"), values("load", s, f"{sc}/seconds")
        return {r: req[r] / sec[r] for r in req if sec.get(r)}

    def ratio_rounds(mine, theirs):
        return [mine[r] / theirs[r] for r in mine if theirs.get(r)]

    out = [f"nproc {meta.get('nproc')}, \"{meta.get('cpu')}\", Linux {meta.get('kernel')}. "
           + "; ".join(f"{names[s]}: {meta.get('version_' + s, '?')}" for s in systems) + ". "
           f"portless runs as {meta.get('portless_user')}.", ""]
    for m in metas:
        out += [f"Run {m.get('utc', '?')}–{m.get('utc_end', 'stopped')} at {m.get('git', '?')}, figures of "
                f"{m['parts_measured']}; "
                f"load average (1/5/15 min) at start {m.get('load_start')}, "
                + (f"idle windows {', '.join(m[k] for k in sorted(m) if k.startswith('idle_load_'))}, "
                   if any(k.startswith('idle_load_') for k in m) else "")
                + (f"load rounds {', '.join(m[k] for k in sorted(m) if k.startswith('load_round_'))}, "
                   if any(k.startswith('load_round_') for k in m) else "")
                + f"at end {m.get('load_end', '?')}.", ""]

    not_proxy = "direct: the backend itself, no proxy to start, ask or keep idle."
    n = meta.get("start_runs")
    out += table(f"Start → listening ({n} starts each after an unrecorded one; wall time to the first accepted "
                 f"connection, and the CPU of the process tree until then)", [
        ("wall ms", lambda s: None if s == "direct" else cell(values("start", s, "wall_ms"))),
        ("CPU ms", lambda s: None if s == "direct" else cell(values("start", s, "cpu_ms"))),
    ], [not_proxy])

    def cli_cell(s, command):
        wall, cpu = values("cli", s, f"{command}_wall_ms"), values("cli", s, f"{command}_cpu_ms")
        if not wall:
            return None
        failed = int(sum(values("cli", s, f"{command}_failed").values()))
        cpu = median(list(cpu.values()))
        return f"{cell(wall)}, CPU {cpu:.0f}" + (f", **{failed} failed**" if failed else "")
    cli_rows = [
        ("`localhome status` · `portless list` ms", lambda s: cli_cell(s, "list" if s == "portless" else "status")),
        ("`localhome scan` ms", lambda s: cli_cell(s, "scan")),
        ("`localhome open NAME` ms", lambda s: cli_cell(s, "open")),
        ("`portless alias NAME PORT` ms", lambda s: cli_cell(s, "alias")),
    ]
    out += table(f"A CLI command that asks the running daemon ({meta.get('cli_runs')} runs each after an unrecorded "
                 f"one, interleaved; wall ms, median (min–max), and the median CPU ms of the command)", cli_rows, [
        "Caddy: no command that asks a running Caddy about its names (its admin API takes whole configurations; "
        "`caddy reload` re-reads the Caddyfile), and the bench runs it with `admin off`.",
        "nginx: no such command (`nginx -s reload` signals the master to re-read its files).", not_proxy])

    out += table(f"Idle RSS after start (VmRSS of the process tree {meta.get('start_idle_secs')} s after "
                 f"listening, MiB; nginx: master and worker)", [
        ("MiB", lambda s: None if s == "direct" else cell(values("start", s, "idle_rss_kib"), scale=1 / 1024)),
    ], [not_proxy])

    def peak_rounds(s):
        by_round = defaultdict(list)
        for sc, _ in PEERS_SCENARIOS:
            for r, v in values("load", s, f"{sc}/peak_rss_kib").items():
                by_round[r].append(v)
        return {r: max(v) / 1024 for r, v in by_round.items()}
    out += table("Peak RSS under the load matrix (the largest VmHWM of any run in a round, MiB; VmHWM reset "
                 "before each run; nginx: master + worker; portless: the instance that served the run)", [
        ("MiB", lambda s: cell(peak_rounds(s))),
    ], ["direct: the backend's own peak while it served the load directly."])

    out += table(f"Idle CPU with {meta.get('idle_processes', '?')} processes on the machine "
                 f"(ms of CPU per minute of the process tree; {meta.get('idle')}; all peers idle at once)", [
        ("ms per minute", lambda s: None if s == "direct" else cell(values("idle", s, "cpu_ms_per_min"), "{:.0f}")),
    ], [not_proxy])

    h2_note = "direct: the backend speaks plain HTTP/1.1 only, so the h2 rows have no direct figure."
    def cpu_cell(sc, s, ticks="server_ticks"):
        if sc.startswith("h2") and s == "direct":
            return None
        return cell(cpu_rounds(sc, s, ticks), "{:.1f}")
    out += table(f"Server CPU µs per request ({meta.get('rounds')} rounds × {meta.get('seconds')} s after "
                 f"{meta.get('warmup')} s of warm-up per scenario and system; utime+stime of the serving process "
                 f"tree ÷ requests)",
                 [(label, lambda s, sc=sc: cpu_cell(sc, s)) for sc, label in PEERS_SCENARIOS], [h2_note])

    def vs_nginx(sc, s):
        if s == "nginx" or (sc.startswith("h2") and s == "direct"):
            return None
        rs = ratio_rounds(cpu_rounds(sc, s), cpu_rounds(sc, "nginx"))
        return spread(rs, "{:.2f}") + "×" if rs else None
    out += table("Server CPU per request ÷ nginx's (per round)",
                 [(label, lambda s, sc=sc: vs_nginx(sc, s)) for sc, label in PEERS_SCENARIOS], [h2_note])

    out += table("Requests per second (shared 2 cores: read the CPU rows first)",
                 [(label, lambda s, sc=sc: None if sc.startswith("h2") and s == "direct"
                   else cell(rps_rounds(sc, s))) for sc, label in PEERS_SCENARIOS], [h2_note])

    out += table("The backend's CPU µs per request behind each (a proxy that opens a backend connection per request "
                 "costs the backend too)",
                 [(label, lambda s, sc=sc: cpu_cell(sc, s, "backend_ticks")) for sc, label in PEERS_SCENARIOS],
                 [h2_note])

    errors = {s: int(sum(v for (p, sys_, m), rv in data.items() if p == "load" and sys_ == s
                         and m.endswith("/errors") for v in rv.values())) for s in systems}
    if any(p == "load" for (p, _, _) in data):
        out.append("Errors in the load runs: " + ", ".join(
            f"{names[s]} {'**' + str(e) + '**' if e else 0}" for s, e in errors.items()) + ".")
    print("\n".join(out))


def pool(path):
    """bench/run pool: backend connections, wall and daemon CPU for a cold burst of h2 streams, old vs new jar."""
    rows = tsv_rows(path)
    by = {}
    for r in rows:
        by.setdefault(r["jar"], []).append(r)
    rounds = sorted({r["round"] for r in rows})
    per_round = {(r["round"], r["jar"]): r for r in rows}
    wall = [float(per_round[(k, "new")]["wall_ms"]) / float(per_round[(k, "old")]["wall_ms"]) for k in rounds
            if (k, "new") in per_round and (k, "old") in per_round]
    cpu = [float(per_round[(k, "new")]["daemon_cpu_ms"]) / max(1.0, float(per_round[(k, "old")]["daemon_cpu_ms"])) for k in rounds
           if (k, "new") in per_round and (k, "old") in per_round]
    streams = rows[0]["streams"] if rows else "?"
    loads = [float(r["loadavg"]) for r in rows]
    print(f"| jar | backend connections per burst of {streams} h2 streams, median (range) | wall ms, median (range) | daemon CPU ms, median (range) | errors | rounds |")
    print("|---|---|---|---|---|---|")
    for jar in ("old", "new"):
        rs = by.get(jar, [])
        if not rs: continue
        cell = lambda key: f"{st.median(num(r[key]) for r in rs):.0f} ({min(num(r[key]) for r in rs):.0f}–{max(num(r[key]) for r in rs):.0f})"
        print(f"| {jar} | {cell('backend_connections')} | {cell('wall_ms')} | {cell('daemon_cpu_ms')} | {sum(int(r['errors']) for r in rs)} | {len(rs)} |")
    if wall:
        print(f"\nnew/old per round, median (range): wall {st.median(wall):.2f} ({min(wall):.2f}–{max(wall):.2f}), "
              f"daemon CPU {st.median(cpu):.2f} ({min(cpu):.2f}–{max(cpu):.2f}); load average {min(loads):.1f}–{max(loads):.1f}")


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
    "idle": lambda args: idle(args[0]),
    "pool": lambda args: pool(args[0]),
    "footprint": lambda args: footprint(args[0]),
    "nmt": lambda args: nmt(args[0]),
    "record": lambda args: record(args),
    "matrix": lambda args: matrix(*args),
    "clients": lambda args: clients(*args),
    "reverse": lambda args: reverse(args[0], float(args[1])),
    "before-after": lambda args: before_after(args),
    "transports": lambda args: transports(*args),
    "tunnels": lambda args: tunnels(args[0], float(args[1])),
    "pageload": lambda args: pageload(*args),
    "peers": lambda args: peers(*args),
}

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])
