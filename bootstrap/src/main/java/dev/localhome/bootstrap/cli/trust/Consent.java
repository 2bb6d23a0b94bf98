package dev.localhome.bootstrap.cli.trust;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Whether steps that need root may run: given up front ({@code --yes}), asked on a terminal, or impossible to ask. */
public sealed interface Consent {
    record Given() implements Consent {}

    /** Asks on the user's terminal; only a "y" or "yes" runs anything. */
    record Prompt(BufferedReader answers, PrintWriter out) implements Consent {
        boolean ask(String question) {
            out.print(question + " [y/N] ");
            out.flush();
            try {
                String answer = answers.readLine();
                return answer != null && (answer.strip().equalsIgnoreCase("y")
                        || answer.strip().toLowerCase(Locale.ROOT).equals("yes"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the answer", e);
            }
        }
    }

    /** No terminal to ask on (a script, CI): the commands are printed for the user to run instead. */
    record CannotAsk() implements Consent {}
}
