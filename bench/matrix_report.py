#!/usr/bin/env python3
"""Raw lines and markdown tables for bench/matrix.sh (standard library only).

  matrix_report.py record key=value ...   one JSON line to stdout; with type=run, the load generator's output is
                                          read from stdin and its last JSON line kept as "result"
  matrix_report.py summarize RUN.jsonl    markdown tables to stdout

Cells are the median with (min–max) across rounds. Ratios are taken per round (the systems of a scenario ran back
to back) and then summarised the same way. A target is judged on the median.
"""
import json
import statistics
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


def summarize(path):
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


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "record":
        record(sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "summarize":
        summarize(sys.argv[2])
    else:
        sys.exit(__doc__)
