#!/usr/bin/env python3
"""`perf script` (perf record -g on the daemon) on stdin, requests in argv[1] -> where the CPU goes per request:
by kind of code (kernel, BoringSSL, JIT-compiled Java, the JVM itself), inclusive by stage (the stages of
jfr_top.py, matched against every frame of a sample's stack), and the top self symbols. Samples are CPU time at
~997 Hz, so µs/request = share × CPU per request (bench/run profile prints the latter beside it)."""
import re
import sys
from collections import Counter

sys.path.insert(0, __import__('os').path.dirname(__file__))
from jfr_top import STAGES  # noqa: E402

requests = int(sys.argv[1]) if len(sys.argv) > 1 else 0


def kind(sym, dso):
    if dso.startswith('[kernel') or sym.startswith('[k]') or dso == '[unknown]' and sym.startswith('0xffff'):
        return 'kernel'
    if 'tcnative' in dso or 'boringssl' in dso.lower():
        return 'BoringSSL (netty-tcnative)'
    if 'perf-' in dso and dso.endswith('.map'):
        return 'JIT-compiled Java'
    if 'libjvm' in dso:
        return 'JVM (GC, JIT compiler, runtime)'
    if 'netty_transport_native' in dso or 'netty-transport' in dso:
        return 'netty native (epoll JNI)'
    if 'libc' in dso or 'ld-linux' in dso or 'libpthread' in dso:
        return 'libc'
    if dso == '[unknown]':
        return 'interpreter / stubs (unknown)'
    return 'other: ' + dso.rsplit('/', 1)[-1]


samples = []  # (thread, [(sym, dso)...])
thread, stack = None, []
for line in sys.stdin:
    if not line.strip():
        if thread is not None:
            samples.append((thread, stack))
        thread, stack = None, []
        continue
    if not line[0].isspace():
        thread = line.split()[0]
        continue
    m = re.match(r'\s+[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$', line)
    if m:
        stack.append((m.group(1), m.group(2)))
if thread is not None:
    samples.append((thread, stack))

n = len(samples)
if not n:
    print('no samples'); sys.exit()
print(f'{n} samples; {requests} requests')
print('\nby thread:')
for t, c in Counter(re.sub(r'-?\d+$', '', t) for t, _ in samples).most_common(8):
    print(f'  {100 * c / n:5.1f}%  {t}')
print('\nby kind of code (self):')
for k, c in Counter(kind(*st[0]) for _, st in samples if st).most_common():
    print(f'  {100 * c / n:5.1f}%  {k}')
print('\ninclusive, by stage:')
norm = [[s.replace('::', '.').replace('/', '.') for s, _ in st] for _, st in samples]
for name, rx in STAGES:
    r = re.compile(rx)
    c = sum(1 for st in norm if any(r.search(f) for f in st))
    print(f'  {100 * c / n:5.1f}%  {name}')
print('\nself, top 30 symbols:')
for (sym, dso), c in Counter((re.sub(r'\+0x[0-9a-f]+$', '', st[0][0]), kind(*st[0])) for _, st in samples if st).most_common(30):
    print(f'  {100 * c / n:5.1f}%  {sym[:110]}  [{dso}]')
