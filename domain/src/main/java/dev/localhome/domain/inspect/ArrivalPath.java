package dev.localhome.domain.inspect;

/** Which of the daemon's doors an exchange came through, as the inspector shows it. */
public enum ArrivalPath {
    /** Reverse proxy by {@code Host}: {@code http://app.localhost:<port>/}. */
    HOST("host"),
    /** Forward proxy, a request in absolute form: {@code GET http://app/x} (what a PAC file sends). */
    PAC("pac"),
    /** Inside an intercepted {@code CONNECT app:443}: TLS with a minted certificate, HTTP/1.1 or h2 within. */
    TLS("tls"),
    /** Inside a plain {@code CONNECT app:80} tunnel. */
    CONNECT80("connect80");

    private final String wire;

    ArrivalPath(String wire) {
        this.wire = wire;
    }

    /** The name in the JSON contract ({@code "arrival": "host"}). */
    public String wire() {
        return wire;
    }
}
