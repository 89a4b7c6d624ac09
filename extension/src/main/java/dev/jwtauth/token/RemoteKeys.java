package dev.jwtauth.token;

import java.util.List;

/**
 * Verification keys held elsewhere — an issuer's JWK Set — that change while tokens are read. The token engine asks
 * for them per token and fetches nothing itself; the implementation decides when to fetch, and answers within a
 * bounded time (a request waits for a fetch, never longer than the fetch may take).
 */
public interface RemoteKeys {

    /** The keys held now, fetched first if none ever were; none while nothing could be fetched. */
    List<VerificationKey> current();

    /**
     * The keys after asking for a fresh copy because a token names {@code kid}, which {@link #current()} lacks. The
     * implementation may answer the keys it holds without fetching (it fetched moments ago, or the issuer is down).
     */
    List<VerificationKey> refreshedFor(String kid);
}
