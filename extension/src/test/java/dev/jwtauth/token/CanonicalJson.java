package dev.jwtauth.token;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * JSON-P values (ours) and jose4j's Java objects in one comparable form: maps, lists, strings, booleans, null,
 * and numbers as a long when they are integral and fit one, else the nearest double — jose4j parses fractions as
 * doubles, JSON-P keeps them exact, and only the value both can hold is compared.
 */
final class CanonicalJson {
    /** JSON null (List.of cannot hold Java null). */
    private static final Object JSON_NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private CanonicalJson() {
    }

    /** The canonical form of a JSON-P value or of a jose4j claim value. */
    static Object of(Object value) {
        if (value instanceof JsonObject object) {
            Map<String, Object> map = new HashMap<>();
            object.forEach((name, member) -> map.put(name, of(member)));
            return map;
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> map = new HashMap<>();
            object.forEach((name, member) -> map.put((String) name, of(member)));
            return map;
        }
        if (value instanceof JsonArray array) {
            return array.stream().map(CanonicalJson::of).toList();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CanonicalJson::of).toList();
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number(number.bigDecimalValue());
        }
        if (value instanceof BigDecimal number) {
            return number(number);
        }
        if (value instanceof BigInteger number) {
            return number(new BigDecimal(number));
        }
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double number) {
            return number(number);
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        if (value == JsonValue.NULL || value == null) {
            return JSON_NULL;
        }
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException("a JSON value of an unexpected class: " + value.getClass());
    }

    private static Object number(BigDecimal number) {
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            return number(number.doubleValue());
        }
    }

    private static Object number(double number) {
        boolean integral = number == Math.rint(number) && number >= -0x1p63 && number < 0x1p63;
        return integral ? (Object) (long) number : (Object) number;
    }
}
