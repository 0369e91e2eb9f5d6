package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/private-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A private key: a PEM block (RSA, EC, DSA, PKCS #8, OpenSSH, PGP, encrypted) or a PuTTY key file.",
    rationale = SecretRule.RATIONALE,
    fix = "Replace the key pair: revoke the certificate or remove the public key wherever it is trusted (`authorized_keys`, deploy keys, TLS), generate a new pair, and keep private keys out of the repository." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class PrivateKey extends SecretRule<SecretOptions> {}
