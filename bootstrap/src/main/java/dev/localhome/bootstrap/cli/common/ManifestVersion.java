package dev.localhome.bootstrap.cli.common;

import dev.localhome.bootstrap.config.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version and the build ({@link BuildInfo}); "dev" when run from unfiltered classes. */
public final class ManifestVersion implements IVersionProvider {
    public static String version() {
        return BuildInfo.current().describe();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"localhome " + version()};
    }
}
