package dev.localhome.bootstrap.cli.common;

import java.util.Optional;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the shaded jar's {@code Implementation-Version}; "dev" when run from classes (IDE, tests). */
public final class ManifestVersion implements IVersionProvider {
    public static String version() {
        return Optional.ofNullable(ManifestVersion.class.getPackage().getImplementationVersion()).orElse("dev");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"localhome " + version()};
    }
}
