package dev.localhome.bootstrap.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program to its end with exactly the given environment; keeps its exit code and output. */
final class Programs {
    record Result(int exitCode, String output) {}

    private Programs() {}

    static Result run(List<String> command, Map<String, String> environment, Path directory)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish in 120 s; output: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    /**
     * A folder with links to the few programs the launcher and {@code install} use, and nothing else: a PATH with no
     * {@code java} and, unless a test adds one, no {@code systemctl}.
     */
    static Path minimalBin(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String program : List.of("sh", "readlink", "dirname", "cat", "cksum", "cut", "mkdir", "mv", "rm", "env",
                "setsid", "nohup", "mount", "unshare")) {
            for (String directory : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
                Path candidate = Path.of(directory, program);
                if (Files.isExecutable(candidate)) {
                    Files.createSymbolicLink(folder.resolve(program), candidate);
                    break;
                }
            }
        }
        return folder;
    }
}
