package dev.localhome.domain.inspect;

/** Who answered: the service's own backend, or localhome itself (404, 502, 508, 421, a redirect, a 400). */
public enum AnsweredBy {
    BACKEND("backend"),
    LOCALHOME("localhome");

    private final String wire;

    AnsweredBy(String wire) {
        this.wire = wire;
    }

    /** The name in the JSON contract ({@code "answeredBy": "backend"}). */
    public String wire() {
        return wire;
    }
}
