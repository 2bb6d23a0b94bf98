"""The table of bench/before-after.sh: per path, old vs new req/s and daemon CPU per request, as medians of the
per-round ratios (robust to a loaded machine). Usage: before_after_report.py RAW.tsv [RAW.tsv ...]"""
import csv, statistics as st, sys
rows = []
for i, f in enumerate(sys.argv[1:]):
    for r in csv.DictReader(open(f), delimiter='\t'):
        r['round'] = f'{i}.{r["round"]}'; rows.append(r)
clk = int(__import__("os").sysconf("SC_CLK_TCK"))
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
