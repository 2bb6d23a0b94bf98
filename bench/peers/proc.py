#!/usr/bin/env python3
"""Process clocks for bench/run peers (standard library only; Linux /proc). Everything on 127.0.0.1.

  proc.py start PORT IDLE_SECS LOG -- CMD...   starts CMD, times it from just before the exec to the first accepted
                                               TCP connection on 127.0.0.1:PORT (polled every millisecond), reads the
                                               CPU its process tree used until then, waits IDLE_SECS and reads the
                                               tree's VmRSS; stops the tree by PID (SIGTERM, then SIGKILL after 10 s)
                                               -> "ms cpu_ms rss_kib"
  proc.py cli LOG -- CMD...                    runs CMD once -> "wall_ms cpu_ms exit" (CPU: user+system of CMD and
                                               everything it waited for)
  proc.py wait-port PORT PID [SECS]            waits until 127.0.0.1:PORT accepts (exit 1 if PID dies or SECS pass)
  proc.py tree PID                             PID and its descendants, one line
  proc.py free-ports N                         N ports the kernel picked, one line

A process tree (nginx's master and worker) counts as one server: its CPU and its VmRSS are the sums over the tree.
"""
import os
import resource
import signal
import socket
import subprocess
import sys
import time

CLK = os.sysconf("SC_CLK_TCK")


def children_of():
    kids = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = open(f"/proc/{entry}/stat").read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def tree(pid):
    kids, out, todo = children_of(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def ticks(pid):
    try:
        stat = open(f"/proc/{pid}/stat").read()
    except OSError:
        return 0
    f = stat[stat.rindex(")") + 2:].split()
    return int(f[11]) + int(f[12])


def kib(pid, key):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def accepts(port):
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def stop(pids):
    for p in pids:
        try:
            os.kill(p, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 10
    for p in pids:
        while time.monotonic() < deadline:
            try:
                os.kill(p, 0)
            except ProcessLookupError:
                break
            try:
                if os.waitpid(p, os.WNOHANG)[0] == p:
                    break
            except ChildProcessError:
                pass
            time.sleep(0.02)
        else:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass


def start(port, idle_secs, log, cmd):
    port, idle_secs = int(port), float(idle_secs)
    with open(log, "ab") as out:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
    try:
        deadline = t0 + 60
        while not accepts(port):
            if proc.poll() is not None:
                sys.exit(f"{cmd[0]} exited with {proc.returncode} before listening; see {log}")
            if time.monotonic() > deadline:
                sys.exit(f"{cmd[0]} did not listen on {port} within 60 s; see {log}")
            time.sleep(0.001)
        t1 = time.monotonic()
        pids = tree(proc.pid)
        cpu_ms = sum(ticks(p) for p in pids) * 1000 / CLK
        time.sleep(idle_secs)
        pids = tree(proc.pid)
        rss = sum(kib(p, "VmRSS") for p in pids)
        print(f"{(t1 - t0) * 1000:.1f} {cpu_ms:.0f} {rss}")
    finally:
        stop(tree(proc.pid))
        proc.wait()


def cli(log, cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(log, "ab") as out:
        t0 = time.monotonic()
        rc = subprocess.call(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        t1 = time.monotonic()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"{(t1 - t0) * 1000:.1f} {cpu * 1000:.1f} {rc}")


def wait_port(port, pid, secs="60"):
    deadline = time.monotonic() + float(secs)
    while not accepts(int(port)):
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            sys.exit(f"process {pid} died before listening on {port}")
        if time.monotonic() > deadline:
            sys.exit(f"nothing listens on {port} after {secs} s")
        time.sleep(0.01)


def free_ports(n):
    socks = [socket.socket() for _ in range(int(n))]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    print(" ".join(str(s.getsockname()[1]) for s in socks))
    for s in socks:
        s.close()


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    verb, args = argv[1], argv[2:]
    if verb in ("start", "cli"):
        if "--" not in args:
            sys.exit(__doc__)
        i = args.index("--")
        (start if verb == "start" else cli)(*args[:i], args[i + 1:])
    elif verb == "wait-port":
        wait_port(*args)
    elif verb == "tree":
        print(" ".join(map(str, tree(int(args[0])))))
    elif verb == "free-ports":
        free_ports(args[0])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
