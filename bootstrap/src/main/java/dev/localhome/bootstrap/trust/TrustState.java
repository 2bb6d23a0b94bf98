package dev.localhome.bootstrap.trust;

/** Whether a store trusts the CA, and through whose entry: only localhome's own entry is ever removed. */
public enum TrustState {
    /** localhome's entry (its nickname, its anchor file) is there. */
    OURS,
    /** mkcert -install's entry for this same CA is there: trusted, and left to mkcert -uninstall. */
    MKCERTS,
    /** Another entry holds this same CA (added by hand, under a nickname of its own): trusted, and left as it is. */
    ANOTHER_ENTRY,
    NOT_TRUSTED,
    /** The store itself is not there yet: Chromium's NSS database before Chromium (or this command) made it. */
    MISSING;

    public boolean trusted() {
        return this == OURS || this == MKCERTS || this == ANOTHER_ENTRY;
    }
}
