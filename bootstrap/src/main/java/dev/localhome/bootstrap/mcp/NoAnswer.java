package dev.localhome.bootstrap.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool cannot answer the question: no daemon, a daemon without the API it needs, an argument that is not a name.
 * Thrown out of a tool and turned into an {@code isError} result by {@link LocalhomeMcpServer}, so a tool's code
 * reads as the happy path and every refusal has the same shape: {@code error}, {@code hint}, {@code daemon}.
 */
final class NoAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ObjectNode body;

    NoAnswer(ObjectNode body) {
        super(body.path("error").asText(), null, false, false);
        this.body = body;
    }

    ObjectNode body() {
        return body;
    }
}
