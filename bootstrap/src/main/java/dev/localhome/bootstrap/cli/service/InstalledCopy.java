package dev.localhome.bootstrap.cli.service;

import dev.localhome.bootstrap.config.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The installed localhome this process was started from: the distribution's {@code bin/localhome}, which says where
 * it is in {@code LOCALHOME_LAUNCHER} (bootstrap/dist/localhome). The login service and the link on {@code PATH}
 * point at it, never at a build folder. A process started any other way ({@code ./localhome} from a checkout,
 * {@code java -jar}) has none.
 *
 * @param launcher the absolute path of the installed copy's {@code bin/localhome}
 */
public record InstalledCopy(Path launcher) {
    public static final String VARIABLE = "LOCALHOME_LAUNCHER";

    public InstalledCopy {
        if (!launcher.isAbsolute()) throw new IllegalArgumentException("not an absolute path: " + launcher);
    }

    /** The copy named by {@code LOCALHOME_LAUNCHER}, when that is an executable file. */
    public static Optional<InstalledCopy> of(Environment environment) {
        return environment.variable(VARIABLE).filter(value -> !value.isBlank()).map(Path::of)
                .filter(Path::isAbsolute).filter(Files::isExecutable).map(InstalledCopy::new);
    }

    /**
     * What a service should run: {@code onPath} when it is the same file as the launcher ({@code /usr/bin/localhome}
     * from the Debian package), a path that stays when the package is upgraded; the launcher itself otherwise.
     */
    public Path program(Optional<Path> onPath) {
        return onPath.filter(this::sameFile).orElse(launcher);
    }

    /** Whether {@code path} leads to the launcher (through links). */
    public boolean sameFile(Path path) {
        try {
            return Files.exists(path) && path.toRealPath().equals(launcher.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
