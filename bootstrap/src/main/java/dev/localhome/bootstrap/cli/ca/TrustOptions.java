package dev.localhome.bootstrap.cli.ca;

import dev.localhome.bootstrap.trust.TrustStores.Scope;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options {@code ca trust} and {@code ca untrust} share. */
final class TrustOptions {
    @Option(names = "--only", split = ",", paramLabel = "STORES", converter = ScopeConverter.class,
            description = "Only these stores, comma-separated: nss (Chromium's and Firefox's NSS databases), system "
                    + "(the system store or keychain), java (a Java trust store). Default: all.")
    List<Scope> only;

    @Option(names = {"-y", "--yes"},
            description = "Run the steps that need root (sudo) without asking. Without it they are asked for on a "
                    + "terminal, or printed for you to run.")
    boolean yes;

    // tests point this at a temporary tree: the real machine's system store is then never reached
    @Option(names = "--system-root", hidden = true, paramLabel = "DIR",
            description = "The root under which system stores are looked for (default /).")
    Path systemRoot = Path.of("/");

    Set<Scope> scopes() {
        return only == null || only.isEmpty() ? EnumSet.allOf(Scope.class) : EnumSet.copyOf(only);
    }

    static final class ScopeConverter implements ITypeConverter<Scope> {
        @Override
        public Scope convert(String value) {
            try {
                return Scope.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a store: use nss, system or java");
            }
        }
    }
}
