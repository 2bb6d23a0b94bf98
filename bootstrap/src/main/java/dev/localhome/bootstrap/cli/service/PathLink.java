package dev.localhome.bootstrap.cli.service;

import dev.localhome.bootstrap.config.Environment;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code ~/.local/bin/localhome}, a link to the installed copy's launcher, so {@code localhome} works in every shell
 * ({@code ~/.local/bin} is the XDG user executable folder, on {@code PATH} in most distributions' default profiles).
 * Not made when {@code localhome} on the {@code PATH} already is the installed copy (the Debian package's
 * {@code /usr/bin/localhome}).
 */
public final class PathLink {
    private final Environment environment;

    public PathLink(Environment environment) {
        this.environment = environment;
    }

    /** The link's place. */
    public Path location() {
        return environment.home().resolve(".local").resolve("bin").resolve("localhome");
    }

    /** The first {@code localhome} on the {@code PATH}, other than the link itself. */
    public Optional<Path> onPath() {
        return Arrays.stream(environment.variable("PATH").orElse("").split(File.pathSeparator))
                .filter(directory -> !directory.isBlank()).map(directory -> Path.of(directory).resolve("localhome"))
                .filter(candidate -> Files.isExecutable(candidate) && !candidate.equals(location())).findFirst();
    }

    /** Makes (or replaces) the link to {@code copy}'s launcher, and says whether its folder is on the {@code PATH}. */
    public void link(InstalledCopy copy, PrintWriter out) {
        Optional<Path> onPath = onPath();
        if (onPath.isPresent() && copy.sameFile(onPath.get()) && !Files.isSymbolicLink(location())) {
            out.println("On PATH: " + onPath.get());
            return;
        }
        Path link = location();
        try {
            Files.createDirectories(link.getParent());
            boolean existed = Files.isSymbolicLink(link) || Files.exists(link);
            if (existed && !Files.isSymbolicLink(link))
                throw new UncheckedIOException(new IOException(link + " exists and is not a link; move it away"));
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, copy.launcher());
            out.println((existed ? "Updated " : "Linked ") + link + " -> " + copy.launcher());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + link + ": " + e.getMessage(), e);
        }
        if (!onPathFolder(link.getParent()))
            out.println("Note: " + link.getParent() + " is not on your PATH; add it, e.g. in ~/.profile:  "
                    + "export PATH=\"$HOME/.local/bin:$PATH\"");
    }

    /** Removes the link when it is one to a localhome launcher; false when there was none. */
    public boolean unlink(PrintWriter out) {
        Path link = location();
        try {
            if (!Files.isSymbolicLink(link)) return false;
            Path target = Files.readSymbolicLink(link);
            if (!target.endsWith(Path.of("bin", "localhome"))) return false;
            Files.delete(link);
            out.println("Removed " + link);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + link + ": " + e.getMessage(), e);
        }
    }

    private boolean onPathFolder(Path folder) {
        return Arrays.stream(environment.variable("PATH").orElse("").split(File.pathSeparator))
                .filter(directory -> !directory.isBlank()).map(Path::of).anyMatch(folder::equals);
    }
}
