package dev.localhome.adapters.certs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Finds the CA to use, first found: the directory the user named; {@code mkcert -CAROOT}; mkcert's platform
 * directories; the CA {@code localhome ca init} created. mkcert comes first because its root is usually trusted
 * already ({@code mkcert -install}).
 */
final class CaLocator {
    static final String MKCERT = "mkcert";
    static final String LOCALHOME = "localhome";

    /** A directory that holds {@code rootCA.pem} and {@code rootCA-key.pem}, and who made it. */
    record Location(Path directory, String origin) {}

    private final DataDirectories directories;
    private final Supplier<Optional<Path>> mkcertCaRoot;

    CaLocator(DataDirectories directories, Supplier<Optional<Path>> mkcertCaRoot) {
        this.directories = directories;
        this.mkcertCaRoot = mkcertCaRoot;
    }

    Optional<Location> locate(Optional<Path> explicitCaRoot) {
        if (explicitCaRoot.isPresent()) return Optional.of(explicit(explicitCaRoot.get(), directories.ownCa()));
        // lazy: mkcert runs only when no directory was named, and the own CA is looked at only when mkcert has none
        Stream<Supplier<Stream<Location>>> candidates = Stream.of(
                () -> mkcertCaRoot.get().stream().map(dir -> new Location(dir, MKCERT)),
                () -> directories.mkcert().stream().map(dir -> new Location(dir, MKCERT)),
                () -> Stream.of(new Location(directories.ownCa(), LOCALHOME)));
        return candidates.flatMap(Supplier::get).filter(location -> CaFiles.holdCa(location.directory())).findFirst();
    }

    /**
     * Every directory {@link #locate} may find a CA in, in its order: what the daemon watches. Asks mkcert once.
     */
    List<Path> candidates(Optional<Path> explicitCaRoot) {
        if (explicitCaRoot.isPresent()) return List.of(explicitCaRoot.get());
        List<Path> all = new ArrayList<>();
        mkcertCaRoot.get().ifPresent(all::add);
        all.addAll(directories.mkcert());
        all.add(directories.ownCa());
        return all.stream().distinct().toList();
    }

    /** A directory the user named and that holds no CA is a mistake to report, not a reason to look elsewhere. */
    private static Location explicit(Path directory, Path ownCa) {
        if (!CaFiles.holdCa(directory)) {
            throw new UnusableCaException(("the CA directory %s (--mkcert-ca-root or MKCERT_CA_ROOT) does not hold "
                    + "both %s and %s").formatted(directory, CaFiles.CERTIFICATE, CaFiles.KEY));
        }
        // the flag is named for mkcert, but pointing it at localhome's own CA must not make that an mkcert one
        boolean own = directory.toAbsolutePath().normalize().equals(ownCa.toAbsolutePath().normalize());
        return new Location(directory, own ? LOCALHOME : MKCERT);
    }
}
