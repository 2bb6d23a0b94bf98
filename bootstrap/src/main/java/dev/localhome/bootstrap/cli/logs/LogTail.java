package dev.localhome.bootstrap.cli.logs;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/** {@code tail -n} and {@code tail -F} for the log file, which Logback rolls at a few MB: reading it whole is fine. */
final class LogTail {
    static final long POLL_MILLIS = 250;

    private LogTail() {}

    /** The last {@code count} lines of {@code file}; returns the size it read up to, where following starts. */
    static long last(Path file, int count, PrintWriter out) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        for (String line : lines.subList(Math.max(0, lines.size() - count), lines.size())) out.println(line);
        out.flush();
        return bytes.length;
    }

    /**
     * Prints what is appended to {@code file} from {@code offset} on, while {@code keepGoing} says so. A file that
     * shrinks was rolled over: the new one is read from its start.
     */
    static void follow(Path file, long offset, PrintWriter out, BooleanSupplier keepGoing)
            throws IOException, InterruptedException {
        long position = offset;
        while (keepGoing.getAsBoolean()) {
            long size = Files.exists(file) ? Files.size(file) : 0;
            if (size < position) position = 0;
            if (size > position) {
                try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
                    reader.seek(position);
                    byte[] added = new byte[(int) Math.min(size - position, 1 << 20)];
                    reader.readFully(added);
                    position += added.length;
                    out.print(new String(added, StandardCharsets.UTF_8));
                    out.flush();
                }
                continue;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
