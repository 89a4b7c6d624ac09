package dev.jwtauth.token;

import java.security.spec.MGF1ParameterSpec;
import java.util.Optional;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * The JWE key management algorithms jwtauth decrypts with (RFC 7518 §4.3): RSAES-OAEP with SHA-1 ({@code RSA-OAEP},
 * what our own tokens use) or with SHA-256 ({@code RSA-OAEP-256}). {@code RSA1_5}, {@code dir}, AES key wrap, ECDH-ES
 * and PBES2 have no constant, so no token can select them. A {@link JweDecrypter} may accept only one of the two.
 */
public enum JweKeyManagement {
    RSA_OAEP("RSA-OAEP", new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT)),
    RSA_OAEP_256("RSA-OAEP-256", new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));

    private final String alg;
    private final OAEPParameterSpec oaep;

    JweKeyManagement(String alg, OAEPParameterSpec oaep) {
        this.alg = alg;
        this.oaep = oaep;
    }

    /** The {@code alg} header value. */
    public String alg() {
        return alg;
    }

    /**
     * The OAEP parameters, spelled out: SunJCE's "OAEPWith&lt;digest&gt;AndMGF1Padding" names leave the MGF1 digest to
     * provider defaults (SHA-1 for MGF1 even with SHA-256), which is not RSA-OAEP-256.
     */
    OAEPParameterSpec oaep() {
        return oaep;
    }

    /** The algorithm of an exact, case-sensitive {@code alg} value (RFC 7516 §4.1.1). */
    public static Optional<JweKeyManagement> fromHeader(String alg) {
        for (JweKeyManagement candidate : values()) {
            if (candidate.alg.equals(alg)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
