package dev.localhome.adapters.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Text fixtures from src/test/resources, and a {@link CommandRunner} that answers with them. */
final class Fixtures {
    private Fixtures() {}

    static String text(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers lsof and the two ps invocations of {@link LsofServiceDiscovery} with the given fixtures. */
    static CommandRunner macTools(String lsof, String psCommands, String psEnvironments) {
        return (List<String> command, int... acceptedExitCodes) -> switch (command.get(0) + " " + command.get(1)) {
            case "lsof -nP" -> lsof;
            case "ps -ww" -> psCommands;
            case "ps -Eww" -> psEnvironments;
            default -> throw new IOException("unexpected command " + command);
        };
    }
}
