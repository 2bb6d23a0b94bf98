#!/usr/bin/env python3
"""`jfr print --events jdk.ExecutionSample` on stdin -> the top costs: self samples by method, and inclusive samples
by stage (a sample counts for a stage when any frame of its stack matches the stage's pattern). Event-loop threads
only (names with 'loop' or 'epoll' or 'nio'), since that is where requests are served."""
import re
import sys
from collections import Counter

STAGES = [  # (stage, regex on a frame)
    ('HTTP/1 decode (HttpObjectDecoder)', r'HttpObjectDecoder\.'),
    ('HTTP/1 encode (HttpObjectEncoder)', r'HttpObjectEncoder\.'),
    ('header rewriting (HeaderRewriter)', r'HeaderRewriter\.'),
    ('routing (RequestRoutingHandler.channelRead)', r'RequestRoutingHandler\.channelRead'),
    ('backend pool acquire/release', r'BackendPool\.|IdleConnections\.'),
    ('TLS unwrap (SslHandler.unwrap)', r'SslHandler\.unwrap'),
    ('TLS wrap (SslHandler.wrap)', r'SslHandler\.wrap'),
    ('TLS handshake', r'[Hh]andshake'),
    ('h2 frame decode', r'DefaultHttp2FrameReader\.|Http2InboundFrameLogger|HpackDecoder\.'),
    ('h2 frame encode', r'DefaultHttp2FrameWriter\.|HpackEncoder\.'),
    ('h2 stream channels (Http2MultiplexHandler / AbstractHttp2StreamChannel)', r'Http2MultiplexHandler\.|AbstractHttp2StreamChannel'),
    ('h2 <-> HTTP/1 objects (Http2StreamFrameToHttpObjectCodec)', r'Http2StreamFrameToHttpObjectCodec\.|HttpConversionUtil\.'),
    ('pipeline set-up (initChannel, addLast, handlerAdded)', r'initChannel|DefaultChannelPipeline\.addLast|handlerAdded'),
    ('socket writes (flush, doWrite)', r'\.doWrite|writev|\.flush0|forceFlush'),
    ('socket reads (epollInReady / read)', r'epollInReady|NioByteUnsafe\.read'),
    ('accept / connect / close', r'epollInReady.*Server|doConnect|\.close\(|doClose|ServerSocket|accept'),
    ('timers (schedule, cancel)', r'\.schedule\(|ScheduledFutureTask\.cancel'),
    ('logging', r'org\.slf4j|ch\.qos\.logback'),
]


def main():
    samples = []
    stack, thread, in_stack = [], '', False
    for line in sys.stdin:
        s = line.strip()
        if s.startswith('jdk.ExecutionSample'):
            stack, thread, in_stack = [], '', False
        elif s.startswith('sampledThread'):
            thread = s
        elif s.startswith('stackTrace = ['):
            in_stack = True
        elif in_stack and s == ']':
            in_stack = False
            samples.append((thread, stack))
        elif in_stack and s and s != '...':
            stack.append(re.sub(r'\s+line:.*', '', s))

    loop = [st for th, st in samples if re.search(r'loop|epoll|nio|uring', th, re.I)] or [st for _, st in samples]
    n = len(loop)
    print(f'{n} event-loop samples ({len(samples)} in all)')
    print('\nself time, top 25 methods:')
    for m, c in Counter(st[0] for st in loop if st).most_common(25):
        print(f'  {100 * c / n:5.1f}%  {m}')
    print('\ninclusive, by stage:')
    for name, rx in STAGES:
        r = re.compile(rx)
        c = sum(1 for st in loop if any(r.search(f) for f in st))
        print(f'  {100 * c / n:5.1f}%  {name}')


if __name__ == '__main__':
    main()
