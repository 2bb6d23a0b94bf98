package dev.localhome.bootstrap.e2e;

import dev.localhome.adapters.netty.testing.TestBackend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A dev server as a user runs one: {@link TestBackend} in a real child process started with {@code NAME=<name>}, so
 * the daemon has to discover it through {@code /proc} like any other. Ready once it printed {@code READY:<port>}.
 */
public final class BackendProcess implements AutoCloseable {
    /** How long a JVM may take to start on a busy 2-core machine; a bound for start-up, not a timing assertion. */
    private static final long START_DEADLINE_SECONDS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Process process;
    private final String name;
    private final int port;
    private final List<String> output;

    private BackendProcess(Process process, String name, int port, List<String> output) {
        this.process = process;
        this.name = name;
        this.port = port;
        this.output = output;
    }

    /**
     * A name no other process on this machine carries: other test runs or dev servers may have {@code NAME=app}.
     * Lower case, as the daemon reports names.
     */
    public static String uniqueName(String prefix) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder name = new StringBuilder(prefix).append('-');
        for (int i = 0; i < 8; i++) name.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return name.toString();
    }

    static BackendProcess start(String name) throws IOException {
        return start(name, TestBackend.class.getName());
    }

    /** Any main class of the test class path that prints {@code READY:<port>}, run as a process named {@code name}. */
    public static BackendProcess start(String name, String mainClass) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return start(name, List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), mainClass, "0"), Path.of("."));
    }

    /**
     * Any program that prints {@code READY:<port>} and exits when its stdin closes (a Node dev server, say), run in
     * {@code directory} as a process named {@code name}.
     */
    public static BackendProcess start(String name, List<String> command, Path directory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("NAME", name);
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(process, output, ready), "backend-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new BackendProcess(process, name, ready.get(START_DEADLINE_SECONDS, TimeUnit.SECONDS), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while starting backend " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("backend " + name + " did not print READY:<port>; its output: " + output, e);
        }
    }

    /** Reads the child's output to its end, so a chatty child never blocks on a full pipe. */
    private static void readOutput(Process process, List<String> output, CompletableFuture<Integer> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("READY:")) ready.complete(Integer.parseInt(line.substring("READY:".length()).trim()));
                else if (output.size() < 200) output.add(line);
            }
            ready.completeExceptionally(new IOException("exited with " + process.waitFor()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            ready.completeExceptionally(e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Ends the process as {@code kill <pid>} would, by its pid alone, and waits until it is gone: a dev server that
     * someone stopped from another terminal.
     */
    public void killByPid() throws Exception {
        ProcessHandle handle = ProcessHandle.of(pid()).orElseThrow(() -> new IllegalStateException("already gone"));
        handle.destroy();
        handle.onExit().get(10, TimeUnit.SECONDS);
    }

    /** What the process printed besides {@code READY}: exceptions end up here. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** Stops the process and waits until it is gone, so its port refuses connections from here on. Idempotent. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // the backend exits when its stdin closes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
