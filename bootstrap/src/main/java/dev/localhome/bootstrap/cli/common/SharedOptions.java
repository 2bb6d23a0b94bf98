package dev.localhome.bootstrap.cli.common;

import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import java.util.List;

/**
 * The options every command shares ({@code --port}, {@code --bind}, {@code --name}, {@code --config}, ...), as a
 * subcommand sees them through {@code @ParentCommand}. The top command implements it; the subcommands' packages
 * depend on this interface, not on the command that lists them, so the packages stay free of cycles.
 */
public interface SharedOptions {
    Environment environment();

    /** {@code -v}: log at DEBUG. */
    boolean verbose();

    /**
     * The shared options the user gave, as they would be given again (paths made absolute): what
     * {@code localhome install} writes into the service's command line. Options left out stay to the config layers.
     */
    List<String> explicitFlags();

    /** Sets the log level for this kind of command, then reads the config layers. */
    Config configFor(LogLevels.Mode mode);
}
