"""The table of bench/transports.sh: per path and transport, req/s and daemon CPU per request (medians over rounds,
with min–max), and each transport's CPU per request relative to epoll's in the same round (median of the per-round
ratios: robust to a loaded machine). Usage: transports_report.py RAW.tsv"""
import csv, os, statistics as st, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
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
