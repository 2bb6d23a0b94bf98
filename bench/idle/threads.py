#!/usr/bin/env python3
"""Per-thread CPU and wake-ups of a process, for bench/idle/idle.sh.

  threads.py snap PID > before.json          each thread's CPU (ns, /proc/PID/task/TID/schedstat) and context
                                             switches (voluntary + involuntary, .../status), and the process's
                                             utime+stime (ticks, /proc/PID/stat: it keeps the time of exited threads)
  threads.py rows PID before.json SECONDS    TSV rows "thread<TAB>cpu_ns<TAB>switches" of what each thread group used
                                             since, plus a "(process)" row from utime+stime

Threads are grouped by name with their trailing numbers dropped (localhome-io-epoll-3 -> localhome-io-epoll-#). Linux.
"""
import json
import os
import re
import sys

CLK = os.sysconf('SC_CLK_TCK')


def read(path):
    with open(path) as f:
        return f.read()


def snap(pid):
    threads = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        base = f'/proc/{pid}/task/{tid}'
        try:
            comm = read(f'{base}/comm').strip()
            ns = int(read(f'{base}/schedstat').split()[0])
            switches = sum(int(line.split()[1]) for line in read(f'{base}/status').splitlines()
                           if line.startswith(('voluntary_ctxt_switches', 'nonvoluntary_ctxt_switches')))
        except (OSError, ValueError, IndexError):
            continue  # the thread ended while we read it
        threads[tid] = [comm, ns, switches]
    stat = read(f'/proc/{pid}/stat')
    fields = stat[stat.rindex(')') + 2:].split()
    return {'threads': threads, 'ticks': int(fields[11]) + int(fields[12])}


def group(comm):
    return re.sub(r'[-#]?\d+$', '-#', comm) if re.search(r'\d+$', comm) else comm


def rows(pid, before):
    now = snap(pid)
    sums = {}
    for tid, (comm, ns, switches) in now['threads'].items():
        old = before['threads'].get(tid, [comm, 0, 0])
        d_ns, d_sw = ns - old[1], switches - old[2]
        if d_ns or d_sw:
            g = sums.setdefault(group(comm), [0, 0])
            g[0] += d_ns
            g[1] += d_sw
    out = [('(process)', (now['ticks'] - before['ticks']) * 1_000_000_000 // CLK,
            sum(s for _, s in sums.values()))]
    out += sorted(((g, ns, sw) for g, (ns, sw) in sums.items()), key=lambda r: -r[1])
    return out


if __name__ == '__main__':
    if sys.argv[1] == 'snap':
        json.dump(snap(sys.argv[2]), sys.stdout)
    elif sys.argv[1] == 'rows':
        with open(sys.argv[3]) as f:
            before = json.load(f)
        for name, ns, switches in rows(sys.argv[2], before):
            print(f'{name}\t{ns}\t{switches}')
    else:
        sys.exit(__doc__)
