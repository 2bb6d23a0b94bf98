package dev.localhome.adapters.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localhome.adapters.certs.CaLocator.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which CA wins; only file presence matters to the locator, so the files here are empty placeholders. */
class CaLocatorTest {
    @TempDir
    Path home;

    private Path explicitDir;
    private Path mkcertCliDir;
    private Path mkcertDataDir;
    private Path macMkcertDir;
    private Path ownDir;

    @BeforeEach
    void directories() {
        explicitDir = home.resolve("explicit");
        mkcertCliDir = home.resolve("from-mkcert-caroot");
        mkcertDataDir = home.resolve(".local/share/mkcert");
        macMkcertDir = home.resolve("Library/Application Support/mkcert");
        ownDir = home.resolve(".local/share/localhome");
    }

    private Optional<Location> locate(Optional<Path> explicit, String osName, Optional<Path> mkcertAnswer) {
        return new CaLocator(new DataDirectories(Map.of("HOME", home.toString()), osName), () -> mkcertAnswer)
                .locate(explicit);
    }

    @Test
    void anExplicitDirectoryBeatsEveryOther() throws Exception {
        placeCa(explicitDir, mkcertCliDir, mkcertDataDir, ownDir);

        assertThat(locate(Optional.of(explicitDir), "Linux", Optional.of(mkcertCliDir)))
                .contains(new Location(explicitDir, "mkcert"));
    }

    @Test
    void whatMkcertSaysBeatsItsPlatformDirectory() throws Exception {
        placeCa(mkcertCliDir, mkcertDataDir, ownDir);

        assertThat(locate(Optional.empty(), "Linux", Optional.of(mkcertCliDir)))
                .contains(new Location(mkcertCliDir, "mkcert"));
    }

    @Test
    void mkcertsPlatformDirectoryBeatsTheOwnCa() throws Exception {
        placeCa(mkcertDataDir, ownDir);

        assertThat(locate(Optional.empty(), "Linux", Optional.empty())).contains(new Location(mkcertDataDir, "mkcert"));
    }

    @Test
    void onMacosMkcertLivesInApplicationSupport() throws Exception {
        placeCa(macMkcertDir, ownDir);

        assertThat(locate(Optional.empty(), "Mac OS X", Optional.empty()))
                .contains(new Location(macMkcertDir, "mkcert"));
    }

    @Test
    void theOwnCaIsTheLastResort() throws Exception {
        placeCa(ownDir);
        Files.createDirectories(mkcertDataDir); // mkcert's directory without a CA in it does not count

        assertThat(locate(Optional.empty(), "Linux", Optional.of(mkcertCliDir)))
                .contains(new Location(ownDir, "localhome"));
    }

    @Test
    void aCertificateWithoutItsKeyIsNoCa() throws Exception {
        Files.createDirectories(mkcertDataDir);
        Files.writeString(mkcertDataDir.resolve("rootCA.pem"), "");

        assertThat(locate(Optional.empty(), "Linux", Optional.empty())).isEmpty();
    }

    @Test
    void nothingFoundMeansNoCa() {
        assertThat(locate(Optional.empty(), "Linux", Optional.empty())).isEmpty();
    }

    @Test
    void xdgDataHomeMovesBothMkcertsAndTheOwnDirectory() throws Exception {
        Path dataHome = home.resolve("data");
        placeCa(dataHome.resolve("localhome"));
        var directories = new DataDirectories(Map.of("HOME", home.toString(), "XDG_DATA_HOME", dataHome.toString()),
                "Linux");

        assertThat(directories.mkcert()).containsExactly(dataHome.resolve("mkcert"));
        assertThat(new CaLocator(directories, Optional::empty).locate(Optional.empty()))
                .contains(new Location(dataHome.resolve("localhome"), "localhome"));
    }

    @Test
    void anExplicitDirectoryThatIsTheOwnCaKeepsItsOrigin() throws Exception {
        placeCa(ownDir);

        assertThat(locate(Optional.of(ownDir), "Linux", Optional.empty())).contains(new Location(ownDir, "localhome"));
    }

    @Test
    void anExplicitDirectoryWithoutACaIsAnErrorNotAFallback() throws Exception {
        placeCa(ownDir);

        assertThatThrownBy(() -> locate(Optional.of(explicitDir), "Linux", Optional.empty()))
                .isInstanceOf(UnusableCaException.class)
                .hasMessageContaining(explicitDir.toString())
                .hasMessageContaining("rootCA-key.pem");
    }

    private static void placeCa(Path... directories) throws Exception {
        for (Path directory : directories) {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("rootCA.pem"), "");
            Files.writeString(directory.resolve("rootCA-key.pem"), "");
        }
    }
}
