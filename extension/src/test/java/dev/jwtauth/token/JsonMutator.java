package dev.jwtauth.token;


import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Edits of a JOSE header or a claims set for {@link Mutator}: members set to values chosen for the checks a reader
 * makes (times around "now" and the clock skew, issuers, audiences, algorithms, header parameters that fetch keys),
 * members removed, repeated or renamed, values nested deeply, and the JSON text or its UTF-8 bytes damaged.
 * <p>
 * An object is edited as a list of names and raw value texts, not as a JSON-P object, so that a name can occur twice
 * and a value can be any text, valid JSON or not.
 */
final class JsonMutator {
    /** The issuer, audiences, roles and tenant the fuzzed policies and the sample are configured with, and near misses. */
    private static final List<String> ISSUERS = List.of("\"ssjwt\"", "\"SSJWT\"", "\"ssjwt \"", "\"\"", "1",
            "[\"ssjwt\"]", "null");
    private static final List<String> AUDIENCES = List.of("\"api\"", "[\"api\"]", "[\"other\",\"web\"]",
            "[\"other\"]", "[]", "\"\"", "[1]", "[\"api\",null]", "null", "{\"api\":1}", "\"API\"");
    private static final List<String> SUBJECTS = List.of("\"alice\"", "\"admin\"", "\"\"", "42", "4.2", "-1", "1e400",
            "[\"alice\"]", "null", "\"\\u0000\"", "\"" + "x".repeat(3000) + "\"");
    private static final List<String> ROLES = List.of("[\"User\"]", "[\"Admin\",\"User\"]", "\"Admin\"", "[]", "[1]",
            "[null]", "[[\"Admin\"]]", "null", "[\"Admin\",\"Admin\"]", "{\"Admin\":true}");
    private static final List<String> TENANTS = List.of("\"acme\"", "\"ACME\"", "\"globex\"", "[\"acme\"]", "null", "1",
            "\"\"");
    private static final List<String> ALGORITHMS = List.of("\"HS256\"", "\"HS384\"", "\"HS512\"", "\"RS256\"",
            "\"RS384\"", "\"RS512\"", "\"none\"", "\"None\"", "\"hs256\"", "\"\"", "\"HS256 \"", "\"ES256\"", "\"PS256\"",
            "\"RSA-OAEP\"", "\"dir\"", "256", "null", "[\"HS256\"]");
    private static final List<String> TYPES = List.of("\"JWT\"", "\"jwt\"", "\"at+jwt\"", "\"JOSE\"", "\"\"", "1", "null");
    private static final List<String> KEY_IDS = List.of("\"x\"", "123", "\"\"", "\"../../etc/passwd\"", "null", "{}",
            "1e400", "\"" + "k".repeat(500) + "\"");
    /** Header parameters that name keys, certificates or processing a reader must refuse rather than honour. */
    private static final Map<String, List<String>> HOSTILE_HEADERS = Map.of(
            "jku", List.of("\"https://attacker.example/jwks.json\""),
            "x5u", List.of("\"https://attacker.example/cert.pem\""),
            "jwk", List.of("{\"kty\":\"oct\",\"k\":\"AAAA\"}"),
            "x5c", List.of("[\"MIIB\"]"),
            "crit", List.of("[\"exp\"]", "[\"b64\"]", "[]", "[\"kid\"]"),
            "b64", List.of("false", "true"),
            "zip", List.of("\"DEF\"", "\"def\""),
            "cty", List.of("\"JWT\"", "\"jwt\"", "\"JOSE\"", "1"),
            "enc", List.of("\"A128CBC-HS256\"", "\"A256GCM\"", "1"));
    private static final List<String> CLAIM_NAMES = List.of("exp", "nbf", "iat", "iss", "aud", "sub", "roles", "groups",
            "perms", "tenant", "jti", "upn", "x", "profile");
    private static final List<String> HEADER_NAMES = List.of("alg", "typ", "kid", "jku", "x5u", "jwk", "x5c", "crit",
            "b64", "zip", "cty", "enc", "x");
    /** Values for any member: types a reader may not expect, numbers past long and double, odd strings, deep nesting. */
    private static final List<String> ANY = List.of("null", "true", "false", "0", "-0", "1.5", "1e400", "-1e400",
            "1E-400", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1" + "0".repeat(400),
            "\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"é\"", "\"\u202e\"", "\"\\\"\"", "[]", "{}",
            "{\"a\":1,\"a\":2}", "[[[[[]]]]]", "{\"\":{}}", "\"" + "a".repeat(2000) + "\"");
    /** Texts that break JSON syntax, or that only lenient parsers take: comments, NaN, single quotes, control characters. */
    private static final List<String> JSON_TEXT = List.of("{", "}", "[", "]", "\"", ":", ",", "\\", " ", "0", "e", "-",
            ".", "\u0000", "\u001f", "\ufeff", "é", "\ud800", "/*", "//", "NaN", "Infinity", "'");
    /** UTF-8 that is invalid (overlong, a surrogate, a five-byte form, stray bytes) or a byte order mark. */
    private static final byte[][] UTF8_ODDITIES = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0x80},
            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {0}};
    private static final int[] DEPTHS = {64, 999, 1000, 1001, 2000};

    private final Random random;
    private final List<String> times;

    /** @param now the reader's current time in epoch seconds; times are chosen around it and its 30-second skew */
    JsonMutator(Random random, long now) {
        this.random = random;
        this.times = List.of(String.valueOf(now - 31), String.valueOf(now - 1), String.valueOf(now),
                String.valueOf(now + 1), String.valueOf(now + 29), String.valueOf(now + 30), String.valueOf(now + 31),
                String.valueOf(now + 3600), now + 3600 + ".5", now + 3600 + ".0", (now + 3600) / 100 + "e2",
                String.valueOf(now * 1000), "0", "-1", "1e400", "-1e400", "9223372036854775807",
                "9223372036854775808", "\"" + (now + 3600) + "\"", "null");
    }

    /** One edit of the JSON in {@code utf8}; what was done is appended to {@code how}. */
    byte[] edit(byte[] utf8, boolean header, StringBuilder how) {
        int kind = random.nextInt(12);
        if (kind < 9) {
            List<String[]> members = members(utf8);
            if (members != null) {
                editMembers(members, header, kind, how);
                return Mutator.utf8(write(members));
            }
        }
        return kind == 9 || kind == 11 ? editText(utf8, how) : editBytes(utf8, how);
    }

    private void editMembers(List<String[]> members, boolean header, int kind, StringBuilder how) {
        if (kind < 5 || members.isEmpty()) {
            String name = pick(header ? HEADER_NAMES : CLAIM_NAMES);
            String value = value(name);
            members.removeIf(member -> member[0].equals(name));
            members.add(random.nextInt(members.size() + 1), new String[] {name, value});
            how.append("set ").append(name).append('=').append(abbreviate(value));
            return;
        }
        String[] member = members.get(random.nextInt(members.size()));
        switch (kind) {
            case 5 -> {
                members.remove(member);
                how.append("remove ").append(member[0]);
            }
            case 6 -> {
                String value = value(member[0]);
                members.add(random.nextInt(members.size() + 1), new String[] {member[0], value});
                how.append("repeat ").append(member[0]).append('=').append(abbreviate(value));
            }
            case 7 -> {
                String renamed = random.nextBoolean() ? member[0].toUpperCase() : member[0] + " ";
                how.append("rename ").append(member[0]).append(" to '").append(renamed).append('\'');
                member[0] = renamed;
            }
            default -> {
                int depth = DEPTHS[random.nextInt(DEPTHS.length)];
                member[1] = "[".repeat(depth) + member[1] + "]".repeat(depth);
                how.append("nest ").append(member[0]).append(' ').append(depth).append(" deep");
            }
        }
    }

    /** A value for the member {@code name}: mostly one its checks care about, sometimes anything. */
    private String value(String name) {
        if (random.nextInt(5) == 0) {
            return pick(ANY);
        }
        return switch (name) {
            case "exp", "nbf", "iat" -> pick(times);
            case "iss" -> pick(ISSUERS);
            case "aud" -> pick(AUDIENCES);
            case "sub", "upn" -> pick(SUBJECTS);
            case "roles", "groups", "perms" -> pick(ROLES);
            case "tenant" -> pick(TENANTS);
            case "alg" -> pick(ALGORITHMS);
            case "typ" -> pick(TYPES);
            case "kid" -> pick(KEY_IDS);
            default -> HOSTILE_HEADERS.containsKey(name) ? pick(HOSTILE_HEADERS.get(name)) : pick(ANY);
        };
    }

    private byte[] editText(byte[] utf8, StringBuilder how) {
        StringBuilder text = new StringBuilder(new String(utf8, StandardCharsets.UTF_8));
        int at = random.nextInt(text.length() + 1);
        switch (random.nextInt(4)) {
            case 0 -> {
                String inserted = pick(JSON_TEXT);
                text.insert(at, inserted);
                how.append("insert '").append(inserted).append("' at ").append(at);
            }
            case 1 -> {
                text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(3)));
                how.append("delete at ").append(at);
            }
            case 2 -> {
                text.setLength(at);
                how.append("truncate JSON at ").append(at);
            }
            default -> {
                String trailing = pick(List.of(" ", "x", "{}", ",", "\u0000", "\n"));
                text.append(trailing);
                how.append("append '").append(trailing).append('\'');
            }
        }
        return Mutator.utf8(text.toString());
    }

    private byte[] editBytes(byte[] utf8, StringBuilder how) {
        int at = random.nextInt(utf8.length + 1);
        if (random.nextInt(3) == 0) {
            byte[] flipped = utf8.clone();
            if (at < flipped.length) {
                flipped[at] ^= (byte) (1 << random.nextInt(8));
            }
            how.append("flip a bit of JSON byte ").append(at);
            return flipped;
        }
        byte[] oddity = UTF8_ODDITIES[random.nextInt(UTF8_ODDITIES.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(utf8, 0, at);
        out.writeBytes(oddity);
        out.write(utf8, at, utf8.length - at);
        how.append("insert UTF-8 oddity ").append(oddity.length).append(" bytes at ").append(at);
        return out.toByteArray();
    }

    /** The members of a JSON object, or null if the text is none (edited before): then the text is edited instead. */
    private static List<String[]> members(byte[] utf8) {
        JsonObject object;
        try {
            object = JsonCodec.parseObject(new String(utf8, StandardCharsets.UTF_8));
        } catch (JsonException e) {
            return null;
        }
        List<String[]> members = new ArrayList<>(object.size());
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            members.add(new String[] {member.getKey(), member.getValue().toString()});
        }
        return members;
    }

    private static String write(List<String[]> members) {
        StringBuilder json = new StringBuilder("{");
        for (String[] member : members) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(JsonCodec.string(member[0])).append(':').append(member[1]);
        }
        return json.append('}').toString();
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 20) + "…(" + value.length() + " chars)";
    }
}
