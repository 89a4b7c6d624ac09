package dev.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of compact JOSE tokens (JWS and JWE), shared by the reader's fuzz test ({@code TokenReaderFuzzTest})
 * and the sample's HTTP fuzz test ({@code TokenFuzzIT}, through the extension's test-jar). Everything comes from one
 * {@link Random}: the same seed gives the same mutants, so a failing run is repeated exactly.
 * <p>
 * Mutations work at three levels, because a reader checks in layers: the token text (structure, Base64url, segment
 * count); the decoded bytes of one segment (lengths of signatures, IVs and tags; the header JSON, which is read before
 * the signature); and the JSON the signature covers, edited by {@link JsonMutator} and then sealed anew with the
 * issuer's key — the only way a mutant gets past the signature to the payload parser and the claim checks (exp, nbf,
 * iat, iss, aud, ...), and the only way a mutant can be accepted.
 */
public final class Mutator {

    /** Makes a token that carries exactly these header and payload bytes, as its issuer would: signed (and encrypted). */
    @FunctionalInterface
    public interface Sealer {
        String seal(byte[] header, byte[] payload);
    }

    /**
     * A token to start from, with the JSON its signature covers and the way to seal edited JSON. For a nested JWE the
     * header and payload are those of the signed token inside; for ServiceStack's unsigned JWE, its own header and the
     * claims.
     */
    public record Seed(String token, String header, String payload, Sealer sealer) {

        /** The token the sealer makes of this header and payload. */
        public static Seed sealed(String header, String payload, Sealer sealer) {
            return new Seed(sealer.seal(utf8(header), utf8(payload)), header, payload, sealer);
        }

        /** A compact JWS as it is, with the header and payload it carries; edits of them are sealed by {@code sealer}. */
        public static Seed ofJws(String jws, Sealer sealer) {
            String[] segments = jws.split("\\.", -1);
            Base64.Decoder decoder = Base64.getUrlDecoder();
            return new Seed(jws, new String(decoder.decode(segments[0]), StandardCharsets.UTF_8),
                    new String(decoder.decode(segments[1]), StandardCharsets.UTF_8), sealer);
        }
    }

    /** A compact JWS of exactly these header and payload bytes, whatever they say, signed by {@code key}. */
    public static String signed(byte[] header, byte[] payload, SigningKey key, JwsAlgorithm algorithm) {
        String input = ENCODER.encodeToString(header) + "." + ENCODER.encodeToString(payload);
        return input + "." + ENCODER.encodeToString(key.sign(algorithm, input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A mutated token, and how it was made (for the report of a failure). */
    public record Mutant(String token, String how) {
    }

    private static final String BASE64URL_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** Characters outside the Base64url alphabet, including some a decoder or an HTTP stack might treat specially. */
    private static final String[] ODD_CHARS = {".", "=", "+", "/", " ", "\t", "%", "\"", "\\", ";", ",", "\u0000",
            "\u007f", "\u0080", "é", "\u00ff", "\u0100", "\u202e", "\ud800", "\ud83d\ude00", "\ufeff"};
    /** Byte lengths around those a reader checks: IV and tag (16, 32), RSA-2048 signatures and keys (256). */
    private static final int[] LENGTHS = {0, 1, 15, 16, 17, 31, 32, 33, 255, 256, 257, 512};
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Random random;
    private final List<String> donors;
    private final JsonMutator json;

    /**
     * @param now    the readers' current time in epoch seconds: claim edits choose times around it
     * @param donors tokens whose segments may be spliced into a mutant (other algorithms, other keys, JWEs)
     */
    public Mutator(Random random, long now, List<String> donors) {
        this.random = random;
        this.donors = List.copyOf(donors);
        this.json = new JsonMutator(random, now);
    }

    /** One mutation of the seed, sometimes followed by more at the text or segment level. */
    public Mutant mutate(Seed seed) {
        StringBuilder how = new StringBuilder();
        int kind = random.nextInt(20);
        String token;
        if (kind < 8) {
            token = reseal(seed, how);
        } else if (kind < 12) {
            token = text(seed.token(), how);
        } else if (kind < 16) {
            token = segmentBytes(seed.token(), how);
        } else if (kind < 18) {
            token = headerJson(seed.token(), how);
        } else {
            token = splice(seed.token(), how);
        }
        while (random.nextInt(5) == 0) {
            how.append(" + ");
            token = random.nextBoolean() ? text(token, how) : segmentBytes(token, how);
        }
        return new Mutant(token, how.toString());
    }

    // ---- the JSON under the signature, sealed anew ------------------------------------------------------------

    private String reseal(Seed seed, StringBuilder how) {
        byte[] header = utf8(seed.header());
        byte[] payload = utf8(seed.payload());
        int edits = 1 + (random.nextInt(3) == 0 ? 1 : 0);
        for (int i = 0; i < edits; i++) {
            if (random.nextInt(4) == 0) {
                how.append("resealed header ");
                header = json.edit(header, true, how);
            } else {
                how.append("resealed payload ");
                payload = json.edit(payload, false, how);
            }
            how.append("; ");
        }
        return seed.sealer().seal(header, payload);
    }

    /** The JOSE header edited while the rest stays as it was: the signature or tag no longer covers it. */
    private String headerJson(String token, StringBuilder how) {
        int dot = token.indexOf('.');
        byte[] header = decode(dot < 0 ? token : token.substring(0, dot));
        if (header == null) {
            return text(token, how);
        }
        how.append("header (unsealed) ");
        return ENCODER.encodeToString(json.edit(header, true, how)) + (dot < 0 ? "" : token.substring(dot));
    }

    // ---- the token text ---------------------------------------------------------------------------------------

    private String text(String token, StringBuilder how) {
        StringBuilder out = new StringBuilder(token);
        int at = random.nextInt(token.length() + 1);
        switch (random.nextInt(9)) {
            case 0 -> {
                if (at < out.length()) {
                    out.setCharAt(at, (char) (out.charAt(at) ^ (1 << random.nextInt(8))));
                }
                how.append("flip a bit of char ").append(at);
            }
            case 1 -> {
                String inserted = random.nextBoolean()
                        ? String.valueOf(BASE64URL_ALPHABET.charAt(random.nextInt(BASE64URL_ALPHABET.length())))
                        : ODD_CHARS[random.nextInt(ODD_CHARS.length)];
                out.insert(at, inserted);
                how.append("insert U+").append(Integer.toHexString(inserted.codePointAt(0))).append(" at ").append(at);
            }
            case 2 -> {
                int end = Math.min(out.length(), at + 1 + random.nextInt(4));
                out.delete(at, end);
                how.append("delete chars ").append(at).append("..").append(end);
            }
            case 3 -> {
                int end = Math.min(out.length(), at + 1 + random.nextInt(64));
                out.insert(random.nextInt(out.length() + 1), token.substring(at, end));
                how.append("duplicate chars ").append(at).append("..").append(end);
            }
            case 4 -> {
                out.setLength(at);
                how.append("truncate at ").append(at);
            }
            case 5 -> {
                int count = 1 + random.nextInt(random.nextBoolean() ? 8 : 4096);
                for (int i = 0; i < count; i++) {
                    out.append(BASE64URL_ALPHABET.charAt(random.nextInt(BASE64URL_ALPHABET.length())));
                }
                how.append("append ").append(count).append(" chars");
            }
            case 6 -> {
                String[] segments = token.split("\\.", -1);
                int a = random.nextInt(segments.length);
                int b = random.nextInt(segments.length);
                String swap = segments[a];
                segments[a] = segments[b];
                segments[b] = swap;
                how.append("swap segments ").append(a).append(" and ").append(b);
                return String.join(".", segments);
            }
            case 7 -> {
                List<String> segments = new ArrayList<>(Arrays.asList(token.split("\\.", -1)));
                int drop = random.nextInt(segments.size());
                segments.remove(drop);
                how.append("drop segment ").append(drop);
                return String.join(".", segments);
            }
            default -> {
                List<String> segments = new ArrayList<>(Arrays.asList(token.split("\\.", -1)));
                int copy = random.nextInt(segments.size());
                segments.add(copy, segments.get(copy));
                how.append("repeat segment ").append(copy);
                return String.join(".", segments);
            }
        }
        return out.toString();
    }

    // ---- the bytes of one segment -----------------------------------------------------------------------------

    private String segmentBytes(String token, StringBuilder how) {
        String[] segments = token.split("\\.", -1);
        int index = random.nextInt(segments.length);
        byte[] bytes = decode(segments[index]);
        if (bytes == null) {
            return text(token, how);
        }
        how.append("segment ").append(index).append(": ");
        segments[index] = ENCODER.encodeToString(mutateBytes(bytes, how));
        return String.join(".", segments);
    }

    private byte[] mutateBytes(byte[] bytes, StringBuilder how) {
        int at = random.nextInt(bytes.length + 1);
        switch (random.nextInt(6)) {
            case 0 -> {
                if (at < bytes.length) {
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
                how.append("flip a bit of byte ").append(at);
                return bytes;
            }
            case 1 -> {
                if (at < bytes.length) {
                    bytes[at] = (byte) random.nextInt(256);
                }
                how.append("random byte ").append(at);
                return bytes;
            }
            case 2 -> {
                byte[] out = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, out, 0, at);
                out[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
                how.append("insert a byte at ").append(at);
                return out;
            }
            case 3 -> {
                how.append("drop byte ").append(at);
                if (at == bytes.length) {
                    return bytes;
                }
                byte[] out = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
                return out;
            }
            default -> {
                int length = random.nextBoolean() ? LENGTHS[random.nextInt(LENGTHS.length)] : at;
                how.append("resize to ").append(length).append(" bytes");
                return Arrays.copyOf(bytes, length);
            }
        }
    }

    // ---- other tokens -----------------------------------------------------------------------------------------

    /** A segment of another token put in, or the token cut at a dot and joined to another's tail. */
    private String splice(String token, StringBuilder how) {
        String donor = donors.get(random.nextInt(donors.size()));
        String[] segments = token.split("\\.", -1);
        String[] theirs = donor.split("\\.", -1);
        int index = random.nextInt(Math.min(segments.length, theirs.length));
        if (random.nextBoolean()) {
            segments[index] = theirs[index];
            how.append("segment ").append(index).append(" from another token");
            return String.join(".", segments);
        }
        how.append("segments 0..").append(index).append(" kept, the rest from another token");
        return String.join(".", Arrays.copyOf(segments, index + 1)) + "."
                + String.join(".", Arrays.copyOfRange(theirs, index + 1, theirs.length));
    }

    // ---- encoding ---------------------------------------------------------------------------------------------

    /** The segment's bytes, or null if it is not Base64url (mutated before): then only its text is mutated. */
    private static byte[] decode(String segment) {
        try {
            return Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
