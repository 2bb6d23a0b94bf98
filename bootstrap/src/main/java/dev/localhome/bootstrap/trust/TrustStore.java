package dev.localhome.bootstrap.trust;

import java.nio.file.Path;

/** One place where a CA can be trusted; {@link TrustStores} finds those of this machine. */
public sealed interface TrustStore {
    /** What the user reads: "Chromium (~/.pki/nssdb)", "system (Debian, Ubuntu)". */
    String label();

    /** Needs root to change: asked for, or printed for the user to run. */
    default boolean needsRoot() {
        return false;
    }

    /**
     * An NSS database (Chromium's and Firefox's store on Linux), changed with {@code certutil}. Chromium's
     * {@code ~/.pki/nssdb} is made when absent, as Chromium itself would on its first start.
     */
    record Nss(String label, Path directory) implements TrustStore {
    public     String database() {
            return "sql:" + directory;
        }
    }

    /**
     * A Linux system store of anchor files, rebuilt into one bundle by {@code refresh}.
     *
     * @param anchors the directory of anchor files ({@code /usr/local/share/ca-certificates})
     * @param extension the anchor files' extension ({@code .crt} on Debian, whose tool reads nothing else)
     * @param bundle the bundle {@code refresh} writes, what OpenSSL-based tools read
     */
    record SystemAnchors(String label, Path anchors, String extension, String refresh, Path bundle)
            implements TrustStore {
        @Override
        public boolean needsRoot() {
            return true;
        }

    public     Path anchor(String stem) {
            return anchors.resolve(stem + extension);
        }
    }

    /** macOS's system keychain, changed with {@code security}. */
    record MacKeychain(Path keychain) implements TrustStore {
        @Override
        public String label() {
            return "system keychain (" + keychain + ")";
        }

        @Override
        public boolean needsRoot() {
            return true;
        }
    }

    /** A PKCS12 trust store for Java tools: the JDK's own CAs plus this one ({@code -Djavax.net.ssl.trustStore}). */
    record JavaTrustStore(Path file) implements TrustStore {
    public     static final String PASSWORD = "changeit"; // the JDK's own cacerts password: a trust store holds no secret

        @Override
        public String label() {
            return "Java trust store (" + file + ")";
        }
    }
}
