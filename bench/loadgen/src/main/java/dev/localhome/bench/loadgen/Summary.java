package dev.localhome.bench.loadgen;

import java.util.List;

/** What a run measured, ready to print: {@code tunnels} only for mode first. */
record Summary(Options options, double seconds, LoopStats totals, String transport, String tls,
               List<FirstTunnels.Tunnel> tunnels) {
}
