package dev.jwtauth.token;


import static dev.jwtauth.token.Tokens.NOW;
import static dev.jwtauth.token.Tokens.b64;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The seeds of one fuzz target ({@link FuzzTargets}): its valid tokens in every form its reader reads — each algorithm
 * with and without {@code kid}, a fallback key, JWEs for each decryption key, ServiceStack JWEs — then hostile ones.
 * Each seed carries the sealer that made it, so mutations that edit its JSON are signed (and encrypted) alike.
 */
final class FuzzSeeds {
    /** A target's seeds: tokens its reader accepts, in every form, and tokens that attack it. */
    record Seeds(List<Mutator.Seed> valid, List<Mutator.Seed> hostile) {
    }

    private static final String JWE_HEADER = "{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\"}";
    /** What MicroProfile JWT issuers send, besides our own pair. */
    private static final String MP_JWE_HEADER = "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}";

    private final FuzzTargets.Spec spec;
    private final Random random;
    private final Map<JwsAlgorithm, SigningKey> signingKeys;
    private final List<Mutator.Seed> valid = new ArrayList<>();
    private final List<Mutator.Seed> hostile = new ArrayList<>();

    /** @param random the fuzz run's random: it supplies the CEKs, IVs and OAEP padding of the JWEs, so they repeat */
    FuzzSeeds(FuzzTargets.Spec spec, Random random) {
        this.spec = spec;
        this.random = random;
        this.signingKeys = spec.signingKeys();
    }

    /** The valid seeds, then the hostile ones: mutations start from either half equally often. */
    Seeds build() {
        String payload = payload();
        for (Map.Entry<JwsAlgorithm, SigningKey> entry : signingKeys.entrySet()) {
            String header = "{\"typ\":\"JWT\",\"alg\":\"" + entry.getKey() + "\"}";
            valid.add(Mutator.Seed.sealed(header.replace("}", ",\"kid\":\"" + entry.getValue().kid() + "\"}"), payload,
                    this::sign));
            valid.add(Mutator.Seed.sealed(header, payload, this::sign));
        }
        if (spec.rsaKeys().size() > 1) {
            SigningKey fallback = new RsaSigningKey(spec.rsaKeys().get(1), "fallback");
            valid.add(Mutator.Seed.sealed(header(), payload, (h, p) -> Mutator.signed(h, p, fallback, spec.algorithm())));
        }
        Mutator.Seed signed = valid.get(0);
        for (RSAPrivateCrtKey key : spec.decryptionKeys()) {
            String jweHeader = key == spec.decryptionKeys().get(0) ? JWE_HEADER.replace("}", ",\"kid\":\""
                    + KeyIds.thumbprint(RsaKeyFormats.publicKeyOf(key)) + "\"}") : JWE_HEADER;
            valid.add(Mutator.Seed.sealed(signed.header(), payload,
                    (h, p) -> encrypt(jweHeader, utf8(sign(h, p)), key)));
            valid.add(Mutator.Seed.sealed(signed.header(), payload, (h, p) -> Jwes.oaep256Gcm(MP_JWE_HEADER,
                    utf8(sign(h, p)), RsaKeyFormats.publicKeyOf(key), bytes(32), bytes(12), oaepRandom())));
        }
        for (RSAPrivateCrtKey key : spec.legacyKeys()) {
            valid.add(Mutator.Seed.sealed(Jwes.serviceStackHeader(RsaKeyFormats.publicKeyOf(key)), payload,
                    (h, p) -> serviceStack(h, p, key)));
        }
        addHostile(signed);
        return new Seeds(valid, hostile);
    }

    /** Claims a default reader of this spec accepts: ServiceStack's layout, audiences and tenant as configured. */
    private String payload() {
        return "{\"iss\":\"" + FuzzTargets.ISSUER + "\",\"sub\":\"42\",\"iat\":" + (NOW - 60)
                + ",\"exp\":" + (NOW + 3600)
                + (spec.audiences().isEmpty() ? "" : ",\"aud\":\"" + spec.audiences().get(0) + "\"")
                + ",\"preferred_username\":\"alice\",\"roles\":[\"User\"],\"perms\":[\"read\",\"write\"]"
                + spec.tenant().map(tenant -> ",\"tenant\":\"" + tenant + "\"").orElse("")
                + ",\"jti\":\"AAECAwQFBgcICQoLDA0ODw\",\"profile\":{\"email\":\"alice@example.com\",\"age\":42.5}}";
    }

    private String header() {
        return "{\"typ\":\"JWT\",\"alg\":\"" + spec.algorithm() + "\"}";
    }

    /**
     * Tokens that attack the reader rather than being broken by chance; each is mutated further like the others
     * (sealed with this target's key when the mutation edits its JSON).
     */
    private void addHostile(Mutator.Seed signed) {
        String header = header();
        String payload = signed.payload();
        Mutator.Sealer sealer = signed.sealer();
        for (String none : List.of("none", "None")) {
            String noneHeader = "{\"typ\":\"JWT\",\"alg\":\"" + none + "\"}";
            add(b64(noneHeader) + "." + b64(payload) + ".", noneHeader, payload, sealer);
        }
        // Algorithm confusion: HS256 keyed with the RSA public key, which an attacker has (PEM and DER).
        String hs256 = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";
        String pem = RsaKeyFormats.toPem(RsaKeyFormats.publicKeyOf(FuzzTargets.RSA_A));
        for (byte[] confused : List.of(pem.getBytes(StandardCharsets.US_ASCII),
                RsaKeyFormats.publicKeyOf(FuzzTargets.RSA_A).getEncoded())) {
            add(Mutator.signed(utf8(hs256), utf8(payload), new HmacKey(confused, "confused"), JwsAlgorithm.HS256), hs256,
                    payload, sealer);
        }
        for (String member : List.of("\"jku\":\"https://attacker.example/jwks.json\"",
                "\"x5u\":\"https://attacker.example/cert.pem\"", "\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}",
                "\"crit\":[\"exp\"],\"exp\":1", "\"zip\":\"DEF\"", "\"b64\":false,\"crit\":[\"b64\"]",
                "\"kid\":12345", "\"alg\":\"" + spec.algorithm() + "\"")) {
            String hostileHeader = header.replace("}", "," + member + "}");
            add(sealer.seal(utf8(hostileHeader), utf8(payload)), hostileHeader, payload, sealer);
        }
        for (String[] claim : List.of(new String[] {"exp", "1e400"}, new String[] {"exp", "9223372036854775808"},
                new String[] {"exp", (NOW + 3600) + ".999"}, new String[] {"nbf", "-1e400"},
                new String[] {"sub", "42"}, new String[] {"aud", "[]"},
                new String[] {"x", "[".repeat(1001) + "]".repeat(1001)},
                new String[] {"x", "\"\\ud800\\u0000\u202e\""})) {
            String hostilePayload = withClaim(payload, claim[0], claim[1]);
            add(sealer.seal(utf8(header), utf8(hostilePayload)), header, hostilePayload, sealer);
        }
        String twoSubjects = payload.replace("}}", "},\"sub\":\"admin\"}");
        add(sealer.seal(utf8(header), utf8(twoSubjects)), header, twoSubjects, sealer);
        // Under a valid signature: a byte never valid in UTF-8, and a byte order mark before the JSON.
        byte[] invalidUtf8 = utf8(payload);
        invalidUtf8[payload.indexOf("alice") + 2] = (byte) 0xC0;
        add(sealer.seal(utf8(header), invalidUtf8), header, payload, sealer);
        add(sealer.seal(utf8(header), utf8("\ufeff" + payload)), header, payload, sealer);
        // Base64url spelled in other alphabets: padding, standard Base64, and whitespace.
        add(signed.token() + "==", header, payload, sealer);
        add(signed.token().replace('-', '+').replace('_', '/'), header, payload, sealer);
        add(signed.token().replace(".", ". "), header, payload, sealer);
        if (!spec.decryptionKeys().isEmpty()) {
            RSAPrivateCrtKey key = spec.decryptionKeys().get(0);
            add(encrypt(JWE_HEADER, utf8(payload), key), header, payload, sealer);
            add(encrypt(JWE_HEADER.replace("}", ",\"zip\":\"DEF\"}"), utf8(signed.token()), key), header, payload, sealer);
            add(encrypt(JWE_HEADER.replace("RSA-OAEP\"", "RSA1_5\""), utf8(signed.token()), key), header, payload,
                    sealer);
            add(encrypt(JWE_HEADER, utf8(b64("{\"typ\":\"JWT\",\"alg\":\"none\"}") + "." + b64(payload) + "."), key),
                    header, payload, sealer);
        }
    }

    private void add(String token, String header, String payload, Mutator.Sealer sealer) {
        hostile.add(new Mutator.Seed(token, header, payload, sealer));
    }

    /** Signed with the key for the algorithm the header names, if this reader holds one; else its own algorithm. */
    private String sign(byte[] header, byte[] payload) {
        JwsAlgorithm algorithm = headerAlgorithm(header).filter(signingKeys::containsKey).orElse(spec.algorithm());
        return Mutator.signed(header, payload, signingKeys.get(algorithm), algorithm);
    }

    private String encrypt(String jweHeader, byte[] content, RSAPrivateCrtKey key) {
        return Jwes.standard(jweHeader, content, RsaKeyFormats.publicKeyOf(key), bytes(32), bytes(16), oaepRandom());
    }

    private String serviceStack(byte[] header, byte[] payload, RSAPrivateCrtKey key) {
        return Jwes.serviceStack(header, payload, RsaKeyFormats.publicKeyOf(key), bytes(32), bytes(16), oaepRandom());
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A SecureRandom for RSA-OAEP padding that the run's seed determines. */
    private SecureRandom oaepRandom() {
        return FuzzTargets.seededSecureRandom(random.nextLong());
    }

    private static Optional<JwsAlgorithm> headerAlgorithm(byte[] header) {
        try {
            return JsonCodec.parseObject(new String(header, StandardCharsets.UTF_8)).get("alg") instanceof JsonString alg
                    ? JwsAlgorithm.fromHeader(alg.getString()) : Optional.empty();
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    /** The claims with {@code name} set to the raw JSON {@code value}, in place if present, else last. */
    private static String withClaim(String payload, String name, String value) {
        StringBuilder json = new StringBuilder("{");
        boolean replaced = false;
        for (Map.Entry<String, JsonValue> claim : JsonCodec.parseObject(payload).entrySet()) {
            boolean match = claim.getKey().equals(name);
            replaced |= match;
            json.append(json.length() > 1 ? "," : "").append(JsonCodec.string(claim.getKey())).append(':')
                    .append(match ? value : claim.getValue().toString());
        }
        if (!replaced) {
            json.append(',').append(JsonCodec.string(name)).append(':').append(value);
        }
        return json.append('}').toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
