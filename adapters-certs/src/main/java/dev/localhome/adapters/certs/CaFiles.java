package dev.localhome.adapters.certs;

import java.nio.file.Files;
import java.nio.file.Path;

/** The file names mkcert uses, which localhome's own CA uses too, so either directory can serve as the other. */
final class CaFiles {
    static final String CERTIFICATE = "rootCA.pem";
    static final String KEY = "rootCA-key.pem";

    private CaFiles() {}

    static Path certificate(Path directory) {
        return directory.resolve(CERTIFICATE);
    }

    static Path key(Path directory) {
        return directory.resolve(KEY);
    }

    /** A directory holds a CA when both files are there; a lone certificate (mkcert -install on another box) is not. */
    static boolean holdCa(Path directory) {
        return Files.isRegularFile(certificate(directory)) && Files.isRegularFile(key(directory));
    }
}
