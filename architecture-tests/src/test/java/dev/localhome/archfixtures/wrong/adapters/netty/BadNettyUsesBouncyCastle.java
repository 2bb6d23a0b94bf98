package dev.localhome.archfixtures.wrong.adapters.netty;

import org.bouncycastle.asn1.x500.X500Name;

/** Wrong: certificate code outside the certs adapter. */
final class BadNettyUsesBouncyCastle {
    final X500Name subject = new X500Name("CN=app");
}
