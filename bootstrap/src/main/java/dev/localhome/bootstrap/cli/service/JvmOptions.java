package dev.localhome.bootstrap.cli.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The daemon's JVM flags, from {@code jvm.options} beside this class: the file {@code ./localhome} hands to
 * {@code java} as an argument file, so the installed service runs with the same flags as a daemon started by hand.
 */
public final class JvmOptions {
    static final String RESOURCE = "jvm.options";

    private JvmOptions() {}

    /** The flags, in order. */
    public static List<String> daemon() {
        try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from localhome's jar");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The words of an argument file without quotes: {@code #} comments to the end of its line. */
    static List<String> parse(String text) {
        return text.lines().map(line -> line.replaceFirst("#.*", "")).flatMap(line -> Arrays.stream(line.split("\\s+")))
                .filter(word -> !word.isEmpty()).toList();
    }
}
