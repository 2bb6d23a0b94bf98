package dev.localhome.archfixtures.wrong.adapters.discovery;

import picocli.CommandLine;

/** Wrong: command-line parsing in an adapter. */
final class BadDiscoveryUsesPicocli {
    int run(Object command, String... args) {
        return new CommandLine(command).execute(args);
    }
}
