package dev.jwtauth.internal.config;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

import dev.jwtauth.token.TokenReader;
import dev.jwtauth.token.TokenWriter;

/**
 * One configuration made ready for use: the settings, and the reader and writer prepared from them once.
 * A reader-only deployment (only a public key) has no writer.
 */
public final class JwtEngine {
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
}
