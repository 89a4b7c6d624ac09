package dev.jwtauth.token;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

/**
 * The one place JSON is read and written, with Jakarta JSON Processing (every Jakarta EE server provides it;
 * outside one, add {@code org.eclipse.parsson:parsson}). The provider and the reader factory are looked up once:
 * a provider lookup per call costs more than verifying an HMAC.
 */
public final class JsonCodec {
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonParserFactory PARSER = PROVIDER.createParserFactory(Map.of());

    private JsonCodec() {
    }

    /**
     * Parses exactly one JSON object, or throws {@link JsonException} for anything else: syntax errors, other
     * types, content after the object, nesting beyond the parser's limit, and duplicate member names — two readers
     * of one token must never disagree on a header parameter or claim (RFC 7515 §4, RFC 7519 §4). Nested objects
     * are custom claims we do not interpret; they keep JSON-P's own rules.
     */
    public static JsonObject parseObject(String json) {
        try (JsonParser parser = PARSER.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonException("not a JSON object");
            }
            JsonObjectBuilder builder = PROVIDER.createObjectBuilder();
            int members = 0;
            for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
                String name = parser.getString();
                parser.next();
                builder.add(name, parser.getValue());
                members++;
            }
            if (parser.hasNext()) {
                throw new JsonException("content after the JSON object");
            }
            JsonObject object = builder.build();
            // A repeated name replaces the earlier member in the builder, so the object comes out smaller.
            if (object.size() != members) {
                throw new JsonException("duplicate member name");
            }
            return object;
        } catch (JsonException e) {
            throw e;
        } catch (RuntimeException e) {
            // Parsson reports excessive nesting as a bare RuntimeException; on untrusted input any parser failure
            // means the same thing: not a JSON object we accept.
            throw new JsonException("not a JSON object", e);
        }
    }

    /**
     * Reads {@code json} exactly as {@link #parseObject} would accept or refuse it, but builds only the top-level
     * members named in {@code wanted} (name → position in the result); the others are parsed and checked, not
     * built. Missing members and JSON {@code null} are null in the result.
     */
    static JsonValue[] readMembers(String json, Map<String, Integer> wanted) {
        JsonValue[] members = new JsonValue[wanted.size()];
        try (JsonParser parser = PARSER.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonException("not a JSON object");
            }
            Set<String> names = new HashSet<>();
            for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
                String name = parser.getString();
                if (!names.add(name)) {
                    throw new JsonException("duplicate member name");
                }
                JsonParser.Event value = parser.next();
                Integer position = wanted.get(name);
                if (position != null) {
                    JsonValue member = parser.getValue();
                    members[position] = member == JsonValue.NULL ? null : member;
                } else if (value == JsonParser.Event.START_OBJECT || value == JsonParser.Event.START_ARRAY) {
                    skipStructure(parser);
                }
            }
            if (parser.hasNext()) {
                throw new JsonException("content after the JSON object");
            }
            return members;
        } catch (JsonException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JsonException("not a JSON object", e);
        }
    }

    /**
     * Steps over the rest of an object or array whose start was just read. Event by event, so the parser checks
     * its syntax (its skipObject and skipArray only count brackets).
     */
    private static void skipStructure(JsonParser parser) {
        int depth = 1;
        while (depth > 0) {
            switch (parser.next()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                default -> {
                }
            }
        }
    }

    /** A JSON string value. */
    public static JsonString string(String value) {
        return PROVIDER.createValue(value);
    }

    /**
     * Compact JSON of a map of strings, numbers, booleans, lists, maps and JSON-P values, in the map's order.
     */
    public static String write(Map<String, ?> object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) object;
        return PROVIDER.createObjectBuilder(values).build().toString();
    }
}
