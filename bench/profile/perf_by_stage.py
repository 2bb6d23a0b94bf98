"""Each event-loop sample of `perf script` output goes to the innermost frame that belongs to a pipeline stage
(a handler's own code and what it calls that is not another stage), kernel frames under it included:
`perf script -i PATH.perf.data | python3 bench/profile/perf_by_stage.py`. Complements perf_top.py's inclusive shares,
which count a pass-through handler with everything behind it. Used for BENCHMARKS.md, "Server CPU per request"."""
import collections
import re
import sys

# attribute each event-loop sample to the innermost (leaf-most) frame that belongs to a pipeline stage
stages = [
 ('[first-byte] OwnPortTlsDetector', r'OwnPortTlsDetector'),
 ('[exchanges] ExchangeTracker', r'ExchangeTracker'),
 ('[response-deadline] ResponseDeadline', r'ResponseDeadline'),
 ('[head-deadline] HeadDeadlineHandler', r'HeadDeadlineHandler'),
 ('lingering close', r'LingeringClose|lingeringClose'),
 ('ConnectionActivity', r'ConnectionActivity'),
 ('inspector ExchangeRecord/RequestJournal', r'ExchangeRecord|RequestJournal|dev/localhome/domain/inspect|domain\.inspect'),
 ('HeaderRewriter', r'HeaderRewriter'),
 ('routing use case + domain', r'RequestRouting\.|RequestRouter|routing\.RequestHeads|ServiceCatalog|Authority|ServiceName|ViaChain'),
 ('[flow-control] FlowControlHandler', r'FlowControlHandler'),
 ('ForwardExchange & co', r'ForwardExchange|ResponseStream|RequestStream|ExchangeRecovery|BackendResponseHandler'),
 ('RequestRoutingHandler', r'RequestRoutingHandler|UpgradeWatch|UpgradeHoldDecoder|LocalAnswer'),
 ('BackendPool', r'BackendPool|IdleConnections|BackendConnector'),
 ('HTTP/1 decode', r'HttpObjectDecoder|HttpRequestDecoder|HttpResponseDecoder|HttpServerCodec|HttpClientCodec'),
 ('HTTP/1 encode', r'HttpObjectEncoder|HttpRequestEncoder|HttpResponseEncoder'),
 ('TLS', r'SslHandler|ReferenceCountedOpenSslEngine|SSLEngine|libssl|libcrypto|tcnative'),
 ('h2', r'Http2'),
 ('socket write (flush/doWrite)', r'doWrite|writeBytes|flush0'),
 ('socket read', r'epollInReady|doReadBytes'),
 ('epoll wait / loop', r'EpollIoHandler|epollWait|epoll_wait'),
]
rx = [(n, re.compile(p)) for n, p in stages]
samples = []; cur = None
for line in sys.stdin:
    if line and not line[0].isspace() and line.strip():
        cur = {'thread': line.split()[0], 'frames': []}; samples.append(cur)
    elif line.strip() and cur is not None:
        parts = line.strip().split(None, 1)
        if len(parts) == 2: cur['frames'].append(parts[1])
loops = [s for s in samples if s['thread'].startswith('localhome-io') or 'epoll' in s['thread']]
c = collections.Counter()
for s in loops:
    who = 'other'
    for f in s['frames']:
        hit = next((n for n, r in rx if r.search(f)), None)
        if hit: who = hit; break
    kern = s['frames'] and '[kernel' in s['frames'][0]
    c[who + (' (kernel)' if kern else '')] += 1
print(f'{len(loops)} event-loop samples')
for k, v in c.most_common(): print(f'{100*v/len(loops):6.1f}%  {k}')
