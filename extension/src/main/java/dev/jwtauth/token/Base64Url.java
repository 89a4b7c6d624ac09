package dev.jwtauth.token;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * Strict Base64url (RFC 7515 §2) for the segments of JWS and JWE tokens: no padding, no character outside the
 * alphabet, and the canonical spelling only. Every failure is a {@link TokenFailure#MALFORMED} naming the segment.
 */
final class Base64Url {

    private Base64Url() {
    }

    /** The bytes of {@code ascii[from, to)}, the token segment called {@code part}; empty only if allowed. */
    static byte[] decode(byte[] ascii, int from, int to, String part, boolean mayBeEmpty) throws TokenException {
        if (to == from && !mayBeEmpty) {
            throw new TokenException(TokenFailure.MALFORMED, "empty " + part);
        }
        int rest = (to - from) % 4;
        if (rest == 1) {
            throw new TokenException(TokenFailure.MALFORMED, part + " is not Base64url");
        }
        // RFC 4648 §3.5: the unused low bits of the last character must be zero, or one token would have several
        // spellings (which would defeat deny-lists and caches keyed by the token text).
        if (rest != 0 && (sextet(ascii[to - 1]) & (rest == 2 ? 0x0F : 0x03)) != 0) {
            throw new TokenException(TokenFailure.MALFORMED, part + " is not canonical Base64url");
        }
        try {
            ByteBuffer decoded = Base64.getUrlDecoder().decode(ByteBuffer.wrap(ascii, from, to - from));
            return decoded.remaining() == decoded.capacity()
                    ? decoded.array()
                    : Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
        } catch (IllegalArgumentException e) {
            throw new TokenException(TokenFailure.MALFORMED, part + " is not Base64url");
        }
    }

    private static int sextet(byte c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }
}
