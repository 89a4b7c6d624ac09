package dev.jwtauth.token;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArrayBuilder;
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
     * types, content after the object, nesting beyond the parser's limit, and a member name repeated in any object,
     * however deep — two readers of one token must never disagree on a header parameter or a claim, nor on anything
     * inside one (RFC 7515 §4, RFC 7519 §4; jose4j refuses them at every depth as well).
     */
    public static JsonObject parseObject(String json) {
        try (JsonParser parser = PARSER.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonException("not a JSON object");
            }
            JsonObject object = readObject(parser);
            if (parser.hasNext()) {
                throw new JsonException("content after the JSON object");
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
                    JsonValue member = readValue(parser, value);
                    members[position] = member == JsonValue.NULL ? null : member;
                } else if (value == JsonParser.Event.START_OBJECT || value == JsonParser.Event.START_ARRAY) {
                    skipStructure(parser, value);
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

    /** The rest of an object whose start was just read; JSON-P's own reading would keep the last of two names. */
    private static JsonObject readObject(JsonParser parser) {
        JsonObjectBuilder builder = PROVIDER.createObjectBuilder();
        Set<String> names = new HashSet<>();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString();
            if (!names.add(name)) {
                throw new JsonException("duplicate member name");
            }
            builder.add(name, readValue(parser, parser.next()));
        }
        return builder.build();
    }

    private static JsonValue readValue(JsonParser parser, JsonParser.Event event) {
        if (event == JsonParser.Event.START_OBJECT) {
            return readObject(parser);
        }
        if (event == JsonParser.Event.START_ARRAY) {
            JsonArrayBuilder array = PROVIDER.createArrayBuilder();
            for (JsonParser.Event next = parser.next(); next != JsonParser.Event.END_ARRAY; next = parser.next()) {
                array.add(readValue(parser, next));
            }
            return array.build();
        }
        return parser.getValue();
    }

    /**
     * Steps over the rest of an object or array whose start was just read. Event by event, so the parser checks
     * its syntax (its skipObject and skipArray only count brackets), and with the names of each object in it, so a
     * name repeated at any depth is refused as {@link #readObject} refuses it.
     */
    private static void skipStructure(JsonParser parser, JsonParser.Event start) {
        // The names seen in each enclosing object; an array's entry stays empty (a name never appears in one).
        Deque<Set<String>> enclosing = new ArrayDeque<>();
        enclosing.push(start == JsonParser.Event.START_OBJECT ? new HashSet<>() : Set.of());
        while (!enclosing.isEmpty()) {
            switch (parser.next()) {
                case START_OBJECT -> enclosing.push(new HashSet<>());
                case START_ARRAY -> enclosing.push(Set.of());
                case END_OBJECT, END_ARRAY -> enclosing.pop();
                case KEY_NAME -> {
                    if (!enclosing.peek().add(parser.getString())) {
                        throw new JsonException("duplicate member name");
                    }
                }
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
