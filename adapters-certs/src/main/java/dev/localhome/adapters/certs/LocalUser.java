package dev.localhome.adapters.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code user@host} for the CA's name, so a root in a trust store says whose machine made it (as mkcert does). */
final class LocalUser {
    private LocalUser() {}

    static String userAtHost(Map<String, String> env) {
        String user = firstNonBlank(env.get("USER"), env.get("USERNAME"), System.getProperty("user.name"), "user");
        return user + "@" + host(env);
    }

    // not InetAddress.getLocalHost(): it resolves the name through DNS, which can stall for seconds on a laptop offline
    private static String host(Map<String, String> env) {
        String fromKernel = null;
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) fromKernel = Files.readString(kernel, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            // fall through to the environment
        }
        return firstNonBlank(env.get("HOSTNAME"), fromKernel, env.get("COMPUTERNAME"), env.get("HOST"), "localhost");
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) return candidate.strip();
        }
        throw new IllegalArgumentException("no candidate");
    }
}
