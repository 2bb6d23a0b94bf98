#!/usr/bin/env python3
"""bench/issue13.sh's rows -> a markdown table: per scenario and system, median req/s, ratios within each round
(against nginx, the backend direct, and for h2 against localhome's HTTP/1.1 over six tunnels), server CPU µs/req."""
import statistics as st
import sys
from collections import defaultdict

rows, meta = [], []
for line in open(sys.argv[1]):
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
