package dev.jwtauth.internal.rest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.internal.security.Refusal;
import dev.jwtauth.internal.security.RequestBody;
import dev.jwtauth.token.JsonCodec;

/**
 * The fields of a request DTO as ServiceStack binds them: the body is JSON ({@code application/json}, or no
 * Content-Type at all) or an HTML form; names match regardless of case;
 * unknown fields are ignored. A field of the wrong type, a body that is not a JSON object, and a body over
 * {@value #MAX_BODY} bytes are answered with a 4xx before anything is looked up or stored.
 */
final class RequestFields {
    static final int MAX_BODY = RequestBody.LIMIT;
    private static final String FORM = "application/x-www-form-urlencoded";
    /** Fields that are secrets of a user, lower case (a token in the URL is jwt.AllowInQueryString's opt-in). */
    private static final Set<String> CREDENTIALS = Set.of("password", "refreshtoken");

    private final Map<String, JsonValue> fields;

    private RequestFields(Map<String, JsonValue> fields) {
        this.fields = fields;
    }

    static RequestFields none() {
        return new RequestFields(Map.of());
    }

    /** The fields of the request's body (form or JSON); the query string does not count. */
    static RequestFields ofBody(HttpServletRequest request) {
        refuseCredentialsInUrl(request);
        String contentType = request.getContentType();
        if (contentType != null && contentType.regionMatches(true, 0, FORM, 0, FORM.length())) {
            return ofForm(body(request));
        }
        String body = body(request);
        if (body.isBlank()) {
            return none();
        }
        if (contentType != null && !isJson(contentType)) {
            // text/plain (or multipart) is what a page of another site can post without asking (no CORS preflight)
            throw ServiceError.of(Refusal.UNSUPPORTED_MEDIA_TYPE);
        }
        JsonObject json;
        try {
            json = JsonCodec.parseObject(body);
        } catch (JsonException e) {
            throw ServiceError.of(Refusal.NOT_A_JSON_OBJECT);
        }
        Map<String, JsonValue> fields = new HashMap<>();
        json.forEach((name, value) -> fields.put(name.toLowerCase(Locale.ROOT), value));
        return new RequestFields(fields);
    }

    /** {@code application/json}, or a {@code +json} type such as {@code application/problem+json}. */
    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }

    /** The fields of a GET: its query string. */
    static RequestFields ofParameters(HttpServletRequest request) {
        refuseCredentialsInUrl(request);
        Map<String, JsonValue> fields = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 0) {
                fields.put(name.toLowerCase(Locale.ROOT), JsonCodec.string(values[0]));
            }
        });
        return new RequestFields(fields);
    }

    Optional<String> string(String name) {
        JsonValue value = fields.get(name.toLowerCase(Locale.ROOT));
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString text) {
            return Optional.of(text.getString()).filter(s -> !s.isEmpty());
        }
        throw wrongType(name, "a string");
    }

    /** JSON {@code true}/{@code false}, or the same words as text (forms, and clients that send them quoted). */
    Optional<Boolean> bool(String name) {
        JsonValue value = fields.get(name.toLowerCase(Locale.ROOT));
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value == JsonValue.TRUE);
        }
        if (value instanceof JsonString text) {
            switch (text.getString().strip().toLowerCase(Locale.ROOT)) {
                case "true":
                    return Optional.of(true);
                case "false":
                    return Optional.of(false);
                case "":
                    return Optional.empty();
                default:
                    break;
            }
        }
        throw wrongType(name, "true or false");
    }

    /** {@code meta}: an object of strings. */
    Map<String, String> meta() {
        JsonValue value = fields.get("meta");
        if (value == null || value == JsonValue.NULL) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw wrongType("meta", "an object of strings");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (!(entry.getValue() instanceof JsonString text)) {
                throw wrongType("meta", "an object of strings");
            }
            meta.put(entry.getKey(), text.getString());
        }
        return meta;
    }

    /**
     * A password or refresh token in the URL ends up in access logs, proxies' logs and browser history: refused,
     * whatever the body holds.
     */
    private static void refuseCredentialsInUrl(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            String name = decode(pair.split("=", 2)[0]).toLowerCase(Locale.ROOT);
            if (CREDENTIALS.contains(name)) {
                throw ServiceError.about(Refusal.CREDENTIALS_IN_URL, name);
            }
        }
    }

    /** An {@code application/x-www-form-urlencoded} body, read within the same size limit as JSON. */
    private static RequestFields ofForm(String body) {
        Map<String, JsonValue> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                String[] nameAndValue = pair.split("=", 2);
                fields.putIfAbsent(decode(nameAndValue[0]).toLowerCase(Locale.ROOT),
                        JsonCodec.string(nameAndValue.length > 1 ? decode(nameAndValue[1]) : ""));
            }
        }
        return new RequestFields(fields);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ServiceError.of(Refusal.NOT_URL_ENCODED);
        }
    }

    private static ServiceError wrongType(String name, String expected) {
        return ServiceError.about(Refusal.WRONG_TYPE, name, name, expected);
    }

    private static String body(HttpServletRequest request) {
        byte[] bytes;
        try {
            // through RequestBody: the mechanism may have read it already, looking for a token in it
            bytes = RequestBody.of(request).bytes().orElseThrow(() -> ServiceError.of(Refusal.BODY_TOO_LARGE, MAX_BODY));
        } catch (IOException e) {
            throw ServiceError.of(Refusal.UNREADABLE_BODY);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ServiceError.of(Refusal.NOT_UTF8);
        }
    }
}
