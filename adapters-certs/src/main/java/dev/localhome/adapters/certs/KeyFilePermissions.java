package dev.localhome.adapters.certs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Refuses CA keys that other users can read: whoever holds the key can impersonate every site the browser visits, not
 * just local ones. mkcert writes its key 0400 and {@code localhome ca init} writes 0600; both pass.
 */
final class KeyFilePermissions {
    private KeyFilePermissions() {}

    static void requirePrivate(Path keyFile) {
        PosixFileAttributeView view = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class);
        if (view == null) return; // Windows and other non-POSIX file systems: ACLs, nothing portable to check
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of " + keyFile, e);
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new UnusableCaException(("the CA key %s can be read by other users (%s), and whoever reads it can "
                    + "intercept any HTTPS traffic of this machine; make it private with: chmod 600 %s")
                    .formatted(keyFile, PosixFilePermissions.toString(permissions), keyFile));
        }
    }
}
