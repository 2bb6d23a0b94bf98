package dev.localhome.bootstrap.trust;

import dev.localhome.bootstrap.trust.TrustStore.JavaTrustStore;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One step of trusting or untrusting; {@link #shown()} is what is printed before it runs, or instead of it. */
public sealed interface TrustAction {
    /** As a line for a shell, which the user can paste when the step cannot be run for them. */
    String shown();

    /** Changes the machine outside the user's home: asked for first (or printed, when nobody can be asked). */
    default boolean needsRoot() {
        return false;
    }

    /** A tool of the machine; {@code sudo} is already the first word when the step needs root and we are not root. */
    record Run(List<String> command, boolean needsRoot) implements TrustAction {
        private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

        public Run {
            command = List.copyOf(command);
        }

        @Override
        public String shown() {
            return command.stream().map(Run::quote).collect(Collectors.joining(" "));
        }

        /** Nicknames have spaces, and macOS's "Application Support" too. */
    public     static String quote(String word) {
            return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
        }
    }

    record CreateDirectory(Path directory) implements TrustAction {
        @Override
        public String shown() {
            return "mkdir -p " + Run.quote(directory.toString());
        }
    }

    record WriteJavaTrustStore(JavaTrustStore store) implements TrustAction {
        @Override
        public String shown() {
            return "write " + store.file() + " (the JDK's own CAs, and this one)";
        }
    }

    record DeleteFile(Path file) implements TrustAction {
        @Override
        public String shown() {
            return "rm -f " + Run.quote(file.toString());
        }
    }
}
