import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Copies localhome's runnable jar without the native libraries of other platforms (netty-tcnative ships BoringSSL
 * for five, each 3 MB): the distribution is made for one platform, so it carries one. Run by build.sh with the JDK's
 * source launcher: {@code java SlimJar.java IN OUT KEEP}, where KEEP is the architecture in the libraries' names
 * ({@code x86_64}, {@code aarch_64}) and the OS's ({@code linux}, {@code osx}).
 */
public class SlimJar {
    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String os = args[2];
        String arch = args[3];
        int dropped = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(in));
             ZipOutputStream slim = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (foreignNative(entry.getName(), os, arch)) {
                    dropped++;
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                slim.putNextEntry(copy);
                zip.transferTo(slim);
                slim.closeEntry();
            }
        }
        System.out.println("SlimJar: " + out + " without " + dropped + " native libraries of other platforms");
    }

    /** A library under META-INF/native/ built for another OS or architecture than the one kept. */
    static boolean foreignNative(String name, String os, String arch) {
        if (!name.startsWith("META-INF/native/") || name.endsWith("/")) return false;
        String file = name.substring(name.lastIndexOf('/') + 1);
        boolean library = file.endsWith(".so") || file.endsWith(".jnilib") || file.endsWith(".dylib")
                || file.endsWith(".dll");
        if (!library) return false;
        String osInName = file.endsWith(".dll") ? "windows" : file.endsWith(".so") ? "linux" : "osx";
        // epoll/io_uring are Linux-only and name no OS; kqueue is macOS-only and names none either
        if (file.contains("_osx_") || file.contains("kqueue")) osInName = "osx";
        else if (file.contains("_windows_")) osInName = "windows";
        return !osInName.equals(os) || !file.contains(arch);
    }
}
