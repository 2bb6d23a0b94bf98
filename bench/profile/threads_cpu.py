#!/usr/bin/env python3
"""CPU of a process's threads, grouped by name: `threads_cpu.py snap PID > before.json`, then
`threads_cpu.py diff PID before.json REQUESTS` prints µs per request for each group (event loops, C2/C1 compiler,
GC, the rest); `threads_cpu.py loops PID` prints the event-loop and accept threads' ticks (bench/run clients). Reads /proc/PID/task/*/stat (utime+stime) and comm; Linux only."""
import json
import os
import re
import sys

CLK = os.sysconf('SC_CLK_TCK')


def snap(pid):
    out = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            comm = open(f'/proc/{pid}/task/{tid}/comm').read().strip()
            stat = open(f'/proc/{pid}/task/{tid}/stat').read()
        except OSError:
            continue
        f = stat[stat.rindex(')') + 2:].split()
        out[tid] = [comm, int(f[11]) + int(f[12])]
    return out


def group(comm):
    if comm.startswith('C2 Compiler') or comm.startswith('C1 Compiler'):
        return 'JIT compiler (' + comm[:2] + ')'
    if re.match(r'localhome-io|.*(epoll|EventLoop|loop)', comm, re.I):
        return 'event loops (localhome-io-*)'
    if 'accept' in comm:
        return 'accept loop'
    if comm.startswith('VM Thread') or 'GC' in comm or comm.startswith('Gang'):
        return 'GC / VM thread (safepoints, serial GC)'
    return 'other: ' + re.sub(r'[-\d]+$', '', comm)


if sys.argv[1] == 'snap':
    json.dump(snap(sys.argv[2]), sys.stdout)
elif sys.argv[1] == 'loops':  # loops PID: clock ticks of the event-loop and accept threads so far
    print(sum(t for comm, t in snap(sys.argv[2]).values() if group(comm).startswith(('event loops', 'accept'))))
else:
    before = json.load(open(sys.argv[3]))
    n = int(sys.argv[4])
    sums = {}
    for tid, (comm, ticks) in snap(sys.argv[2]).items():
        d = ticks - before.get(tid, [comm, 0])[1]
        if d:
            sums[group(comm)] = sums.get(group(comm), 0) + d
    total = sum(sums.values())
    for g, t in sorted(sums.items(), key=lambda x: -x[1]):
        print(f'  {t / CLK / n * 1e6:7.1f} µs/req  {100 * t / total:5.1f}%  {g}')
