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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The subcommands of {@code localhome}, and which of them a command line needs. picocli builds its model of a command
 * by reflection over the command's class, options and mixins, and building all of them was most of the time of a
 * command that only asks the daemon ({@code status}, {@code open}): BENCHMARKS.md, "A command that asks the daemon".
 * So a command line that names a subcommand gets that one only, and one that names none (the daemon itself,
 * {@code --version}) gets none. Help, a misspelt command, an option the root does not know or an {@code @file} get
 * the whole tree, so what picocli says then (the list of commands, its suggestions) is what it always said; a
 * subcommand's own help and errors never list its siblings, so they are the same either way.
 */
final class CommandTree {
    /** Every subcommand by its {@code @Command} name, in the order {@code localhome --help} lists them. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    /** The command that needs every other: it writes the completion script of the whole tree. */
    private static final String READS_THE_TREE = "completion";

    private CommandTree() {}

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("run", RunCommand.class);
        commands.put("scan", ScanCommand.class);
        commands.put("status", StatusCommand.class);
        commands.put("open", OpenCommand.class);
        commands.put("ca", CaCommand.class);
        commands.put("pac", PacCommand.class);
        commands.put("install", InstallCommand.class);
        commands.put("uninstall", UninstallCommand.class);
        commands.put("logs", LogsCommand.class);
        commands.put("requests", RequestsCommand.class);
        commands.put("forget", ForgetCommand.class);
        commands.put("mcp", McpCommand.class);
        commands.put("completion", CompletionCommand.class);
        return commands;
    }

    /** Adds to {@code root} the subcommands {@code names}, as {@link #needed} gives them. */
    static void add(CommandLine root, List<String> names) {
        for (String name : names) root.addSubcommand(name, SUBCOMMANDS.get(name));
    }

    /**
     * Whether a command line that needs {@code needed} runs the daemon (no command, or {@code run}), as far as it can
     * be told before parsing: a guess to start the daemon's slow work early, never to decide what runs.
     */
    static boolean runsTheDaemon(List<String> needed, String... args) {
        if (!needed.isEmpty() && !needed.equals(List.of("run"))) return false;
        for (String arg : args) if (arg.equals("-V") || arg.equals("--version")) return false;
        return true;
    }

    /**
     * The names of the subcommands to build for {@code args}: the root's options are read as picocli reads them (an
     * option that takes a value takes the next argument, unless it came as {@code --port=9090}); the first argument
     * that is no option is the command.
     */
    static List<String> needed(CommandSpec root, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            // the end of the options, or an argument file: only picocli's own reading of the whole tree is sure
            if (arg.equals("--") || arg.startsWith("@")) return all();
            if (!arg.startsWith("-") || arg.equals("-"))
                return SUBCOMMANDS.containsKey(arg) && !arg.equals(READS_THE_TREE) ? List.of(arg) : all();
            int equals = arg.indexOf('=');
            OptionSpec option = root.findOption(equals > 0 ? arg.substring(0, equals) : arg);
            if (option == null || option.usageHelp()) return all();
            if (equals < 0 && option.arity().max() > 0) i++;
        }
        return List.of();
    }

    private static List<String> all() {
        return List.copyOf(SUBCOMMANDS.keySet());
    }
}
