package dev.localhome.adapters.certs;

import dev.localhome.domain.port.CertificateAuthority;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What bootstrap calls: find and load the CA ({@link #locate}) and create localhome's own ({@link #init}). Plain
 * static factories, because Guice lives in bootstrap only. Trusting a root is bootstrap's {@code TrustPlan}.
 */
public final class CertificateAuthorities {
    private static final Logger log = LoggerFactory.getLogger(CertificateAuthorities.class);

    private CertificateAuthorities() {}

    /**
     * The CA to intercept HTTPS with, first found: {@code explicitCaRoot} ({@code --mkcert-ca-root}, resolved by
     * bootstrap's config layers), else {@code MKCERT_CA_ROOT} in {@code env}; {@code mkcert -CAROOT}; mkcert's
     * platform directories; {@link #ownCaDirectory}. None: an authority whose {@code root()} is empty.
     *
     * @throws UnusableCaException when the named directory holds no CA, or a CA is found that must not be used
     *     (its key readable by others, a key that does not match, an expired root)
     */
    public static CertificateAuthority locate(Optional<Path> explicitCaRoot, Map<String, String> env) {
        return locate(explicitCaRoot, env, System.getProperty("os.name"), new MkcertCommand(env), Clock.systemUTC());
    }

    static CertificateAuthority locate(Optional<Path> explicitCaRoot, Map<String, String> env, String osName,
            Supplier<Optional<Path>> mkcert, Clock clock) {
        Optional<Path> explicit = explicitDirectory(explicitCaRoot, env);
        Optional<CaLocator.Location> location =
                new CaLocator(new DataDirectories(env, osName), mkcert).locate(explicit);
        if (location.isEmpty()) {
            log.info("no CA found: HTTPS interception is off (install mkcert, or run: localhome ca init)");
            return BouncyCastleCertificateAuthority.withoutCa();
        }
        SigningCa ca = PemCaLoader.load(location.get().directory(), location.get().origin(),
                Date.from(clock.instant()));
        log.info("intercepting HTTPS with the {} CA {} (SHA-256 {})", ca.origin(), ca.location(),
                ca.root().sha256Fingerprint());
        return BouncyCastleCertificateAuthority.signingWith(ca, clock);
    }

    /**
     * As {@link #locate(Optional, Map)}, and kept current while the daemon runs: a CA created, written, replaced or
     * removed in any of the directories searched is used (or dropped) within about a second. Close it to stop
     * watching.
     *
     * @throws UnusableCaException at start, as {@link #locate(Optional, Map)}; later an unusable CA turns interception
     *     off, with a warning that says why
     */
    public static CertificateAuthority live(Optional<Path> explicitCaRoot, Map<String, String> env) {
        String osName = System.getProperty("os.name");
        Supplier<Optional<Path>> mkcert = new MkcertCommand(env);
        Supplier<CertificateAuthority> locate = () -> locate(explicitCaRoot, env, osName, mkcert, Clock.systemUTC());
        CertificateAuthority initial = locate.get();
        if (initial.root().isEmpty())
            log.info("the daemon picks up a CA as soon as one is created (localhome ca init, or mkcert -install)");
        Optional<Path> explicit = explicitDirectory(explicitCaRoot, env);
        List<Path> watched = new CaLocator(new DataDirectories(env, osName), mkcert).candidates(explicit);
        return new LiveCertificateAuthority(initial, locate, watched);
    }

    private static Optional<Path> explicitDirectory(Optional<Path> explicitCaRoot, Map<String, String> env) {
        return explicitCaRoot.or(() -> Optional.ofNullable(env.get("MKCERT_CA_ROOT"))
                .filter(value -> !value.isBlank()).map(Path::of));
    }

    /** Creates localhome's own CA in {@code directory} (0700, key 0600), or reports the one already there. */
    public static CaInit init(Path directory) {
        return OwnCaFactory.create(directory, LocalUser.userAtHost(System.getenv()), Clock.systemUTC());
    }

    /** Where {@code localhome ca init} puts its CA: {@code $XDG_DATA_HOME/localhome}, else ~/.local/share/localhome. */
    public static Path ownCaDirectory(Map<String, String> env) {
        return new DataDirectories(env, System.getProperty("os.name")).ownCa();
    }
}
