package dev.localhome.archfixtures.wrong.adapters.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Wrong: process discovery reading JSON; only container discovery talks to something that answers in JSON. */
final class BadDiscoveryReadsJson {
    private final ObjectMapper json = new ObjectMapper();
}
