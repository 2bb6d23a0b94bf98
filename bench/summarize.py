#!/usr/bin/env python3
"""Summarises the raw per-round rows that bench/reverse.sh and bench/tunnels.sh write, as markdown tables.

  summarize.py reverse <rows.tsv> <CLK_TCK>
  summarize.py tunnels <rows.tsv> <CLK_TCK>

Every cell is the median across rounds with (min–max); ratios are computed per round (same round, back to back)
and then summarised the same way. CPU is the process's utime+stime delta over the run, per request:
microseconds of CPU per request (which is also milliseconds per 1000 requests).
"""
import csv
import statistics
import sys
from collections import defaultdict


def spread(values, fmt="{:.0f}"):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    med = statistics.median(values)
    if len(values) == 1:
        return fmt.format(med)
    return f"{fmt.format(med)} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def num(text):
    return None if text in ("", "None", "null") else float(text)


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(f, delimiter="\t"))


def cpu_us_per_req(ticks, requests, clk):
    requests = float(requests)
    return None if requests <= 0 else float(ticks) * 1e6 / clk / requests


def reverse(path, clk):
    data = defaultdict(list)
    for r in rows(path):
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
    for r in rows(path):
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


if __name__ == "__main__":
    mode, path, clk = sys.argv[1], sys.argv[2], float(sys.argv[3])
    {"reverse": reverse, "tunnels": tunnels}[mode](path, clk)
