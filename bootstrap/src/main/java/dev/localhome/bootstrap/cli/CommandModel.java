package dev.localhome.bootstrap.cli;

import dev.localhome.bootstrap.cli.ca.CaCommand;
import dev.localhome.bootstrap.cli.client.ForgetCommand;
import dev.localhome.bootstrap.cli.client.McpCommand;
import dev.localhome.bootstrap.cli.client.OpenCommand;
import dev.localhome.bootstrap.cli.client.RequestsCommand;
import dev.localhome.bootstrap.cli.client.StatusCommand;
import dev.localhome.bootstrap.cli.logs.LogsCommand;
import dev.localhome.bootstrap.cli.scan.ScanCommand;
import dev.localhome.bootstrap.cli.service.InstallCommand;
import dev.localhome.bootstrap.cli.service.UninstallCommand;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Which subcommands a run builds picocli's model of. Building it reads every command's annotations by reflection,
 * which was about a third of the daemon's CPU to {@code LISTENING} (BENCHMARKS.md, "Start-up"): a run builds only the
 * subcommand its arguments name, none when they name none (the daemon), and all of them whenever the whole tree shows
 * (help, completion) or the arguments are anything else (a misspelt command gets picocli's "did you mean").
 */
final class CommandModel {
    /** Every subcommand, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, ScanCommand.class, StatusCommand.class,
            OpenCommand.class, CaCommand.class, PacCommand.class, InstallCommand.class, UninstallCommand.class,
            LogsCommand.class, RequestsCommand.class, ForgetCommand.class, McpCommand.class, CompletionCommand.class);

    /** The root's own options that take a value (as {@code --port 0} or {@code --port=0}), and its flags. */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--port", "--bind", "--name", "--mkcert-ca-root",
            "--config");
    private static final Set<String> ROOT_FLAGS = Set.of("-v", "--verbose", "--stop-when-listening");

    private CommandModel() {}

    /**
     * Adds to {@code root} the subcommands {@code args} need.
     *
     * @return whether {@code args} run the daemon (no command, or {@code run}), as far as they can be told before
     *     parsing: a guess the caller may use to start the daemon's work early, never to decide what runs
     */
    static boolean addSubcommandsFor(CommandLine root, String[] args) {
        Class<?> named = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (ROOT_FLAGS.contains(arg)) continue;
            if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                i++; // its value, whatever it says ("--name status" names no command)
                continue;
            }
            if (arg.startsWith("--") && ROOT_OPTIONS_WITH_VALUE.contains(arg.substring(0, Math.max(0, arg.indexOf('=')))))
                continue;
            named = BY_NAME.get(arg);
            if (named == null || named == CompletionCommand.class || asksForHelp(args)) {
                addAll(root);
                return false;
            }
            break; // the rest are the subcommand's: picocli parses them
        }
        if (named != null) root.addSubcommand(named);
        return named == null || named == RunCommand.class;
    }

    private static final Map<String, Class<?>> BY_NAME = byName();

    private static Map<String, Class<?>> byName() {
        Map<String, Class<?>> byName = new java.util.HashMap<>();
        for (Class<?> command : SUBCOMMANDS)
            byName.put(command.getAnnotation(CommandLine.Command.class).name(), command);
        return Map.copyOf(byName);
    }

    private static boolean asksForHelp(String[] args) {
        for (String arg : args)
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("help")) return true;
        return false;
    }

    private static void addAll(CommandLine root) {
        for (Class<?> command : SUBCOMMANDS) root.addSubcommand(command);
    }
}
