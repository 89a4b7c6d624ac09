package dev.jwtauth.internal.config;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.TokenReader;
import dev.jwtauth.token.TokenWriter;
import dev.jwtauth.token.VerificationKey;

/**
 * One configuration made ready for use: the settings, and the reader and writer prepared from them once.
 * A reader-only deployment (only a public key) has no writer.
 */
public final class JwtEngine {
    /** What {@link #tenantLabel} says of the global engine: no configured tenant id can have parentheses. */
    public static final String GLOBAL = "(global)";

    private final JwtSettings settings;
    private final Clock clock;
    private final TokenReader reader;
    private final Optional<TokenWriter> writer;

    public JwtEngine(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.reader = new TokenReader(settings.tokens(), clock);
        this.writer = settings.tokens().keys().signingKey().map(key -> new TokenWriter(settings.tokens(), clock, new SecureRandom()));
    }

    public JwtSettings settings() {
        return settings;
    }

    /** The clock tokens are issued and checked by. */
    public Clock clock() {
        return clock;
    }

    public TokenReader reader() {
        return reader;
    }

    /** The writer, unless this deployment only holds a public key. */
    public Optional<TokenWriter> writer() {
        return writer;
    }

    /** The tenant this engine is for, as logs and metrics name it: {@value #GLOBAL} for requests without a tenant. */
    public String tenantLabel() {
        return settings.tokens().tenant().orElse(GLOBAL);
    }

    /**
     * What an operator checks at start: whether this engine issues tokens or only reads them, the algorithm, the key
     * ids (public: tokens carry them), the issuer, the cache and the secure-connection policy. Never a key.
     */
    public String summary() {
        TokenPolicy tokens = settings.tokens();
        String kids = tokens.keys().verificationKeys().stream().map(VerificationKey::kid)
                .collect(Collectors.joining(", ", "[", "]"));
        return (writer.isPresent() ? "issues and verifies tokens" : "reader-only (verifies tokens, issues none)")
                + ", algorithm " + tokens.algorithm()
                + ", key ids " + kids
                + tokens.keys().signingKey().map(key -> " (signing with " + key.kid() + ")").orElse("")
                + (tokens.encryption().decrypter().isPresent() ? ", encrypted tokens" : "")
                + ", issuer " + tokens.issuer()
                + ", token cache " + (settings.tokenCacheSize() == 0 ? "off" : settings.tokenCacheSize() + " tokens")
                + (settings.requireSecureConnection() ? ", tokens over HTTPS only (jwt.RequireSecureConnection=true)"
                        : ", tokens over plain HTTP accepted too (jwt.RequireSecureConnection=false)");
    }
}
