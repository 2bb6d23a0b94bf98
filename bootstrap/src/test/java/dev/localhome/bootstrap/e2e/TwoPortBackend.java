package dev.localhome.bootstrap.e2e;

import dev.localhome.adapters.netty.testing.TestBackend;

/**
 * A dev server with two ports, as one with a separate API or HMR port: two {@link TestBackend}s in one process,
 * answering {@code hello from <NAME> pages} and {@code hello from <NAME> api}. Prints {@code API:<port>}, then
 * {@code READY:<pages port>}; ends when its stdin closes.
 */
public final class TwoPortBackend {
    private TwoPortBackend() {}

    public static void main(String[] args) throws Exception {
        String name = System.getenv().getOrDefault("NAME", "test");
        TestBackend pages = TestBackend.start(0, name + " pages");
        TestBackend api = TestBackend.start(0, name + " api");
        System.out.println("API:" + api.port()); // before READY: BackendProcess has it in output() once started
        System.out.println("READY:" + pages.port());
        System.out.flush();
        while (System.in.read() >= 0) { /* wait */ }
        pages.close();
        api.close();
    }
}
