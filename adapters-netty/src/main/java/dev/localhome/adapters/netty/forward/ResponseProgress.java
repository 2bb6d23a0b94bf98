package dev.localhome.adapters.netty.forward;

/** How far the backend's answer came: a cut-off answer is never passed off as whole, nor replayed. */
enum ResponseProgress {
    NONE,
    /** Inside a {@code 1xx} other than {@code 101}: the real response is still to come. */
    INTERIM,
    /** After an interim response, before the final head. */
    AWAITING_FINAL,
    FINAL;

    boolean started() {
        return this != NONE;
    }
}
