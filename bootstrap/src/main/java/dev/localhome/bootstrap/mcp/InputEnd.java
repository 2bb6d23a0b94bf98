package dev.localhome.bootstrap.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * The client's end of the conversation: stdin at end of file (or broken). An MCP client stops a stdio server by
 * closing its stdin, so this is when {@code localhome mcp} exits; the SDK's reader thread reads through it.
 */
final class InputEnd extends FilterInputStream {
    private final CountDownLatch ended = new CountDownLatch(1);

    InputEnd(InputStream in) {
        super(in);
    }

    void await() throws InterruptedException {
        ended.await();
    }

    @Override
    public int read() throws IOException {
        return seen(guarded(() -> super.read()));
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        return seen(guarded(() -> super.read(bytes, offset, length)));
    }

    private int seen(int result) {
        if (result < 0) ended.countDown();
        return result;
    }

    private interface Read {
        int run() throws IOException;
    }

    private int guarded(Read read) throws IOException {
        try {
            return read.run();
        } catch (IOException e) {
            ended.countDown();
            throw e;
        }
    }
}
