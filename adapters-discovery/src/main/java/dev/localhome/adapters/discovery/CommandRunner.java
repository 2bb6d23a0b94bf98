package dev.localhome.adapters.discovery;

import java.io.IOException;
import java.util.List;

/** Runs a platform tool and returns what it printed; a seam so the parsing around it is tested on fixtures. */
interface CommandRunner {
    /** Standard output of {@code command}; an exit code in {@code acceptedExitCodes} counts as success. */
    String run(List<String> command, int... acceptedExitCodes) throws IOException;
}
