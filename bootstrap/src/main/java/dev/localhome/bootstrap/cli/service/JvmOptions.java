package dev.localhome.bootstrap.cli.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The daemon's JVM flags, from {@code jvm.options} beside this class: the file {@code ./localhome} hands to
 * {@code java} as an argument file, so the installed service runs with the same flags as a daemon started by hand.
 * On JDK 25 and later, {@code jvm-25.options} follows it: flags JDK 17 would refuse to start with.
 */
public final class JvmOptions {
    static final String RESOURCE = "jvm.options";
    static final String JDK_25_RESOURCE = "jvm-25.options";

    private JvmOptions() {}

    /** The flags for this JVM's version, in order: the service runs on the {@code java} that installs it. */
    public static List<String> daemon() {
        return forFeatureVersion(Runtime.version().feature());
    }

    /** The flags for a JVM of feature version {@code feature} (17, 25, ...), in order. */
    static List<String> forFeatureVersion(int feature) {
        List<String> flags = new ArrayList<>(read(RESOURCE));
        if (feature >= 25) flags.addAll(read(JDK_25_RESOURCE));
        return List.copyOf(flags);
    }

    private static List<String> read(String resource) {
        try (InputStream in = JvmOptions.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from localhome's jar");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The words of an argument file without quotes: {@code #} comments to the end of its line. */
    static List<String> parse(String text) {
        return text.lines().map(line -> line.replaceFirst("#.*", "")).flatMap(line -> Arrays.stream(line.split("\\s+")))
                .filter(word -> !word.isEmpty()).toList();
    }
}
