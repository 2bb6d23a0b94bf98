package dev.localhome.archfixtures.wrong.application;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Wrong: JSON in a use case. */
public final class BadApplicationUsesJackson {
    final ObjectMapper mapper = new ObjectMapper();
}
