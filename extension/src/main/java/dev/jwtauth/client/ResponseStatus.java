package dev.jwtauth.client;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.jwtauth.token.JsonCodec;

/** The {@code responseStatus} of a refusal (docs/http.md): empty strings for what an answer did not say. */
record ResponseStatus(String errorCode, String message) {

    /** The body of an answer as a JSON object; an empty one for no body or anything else. */
    static JsonObject body(String text) {
        try {
            return text == null || text.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : JsonCodec.parseObject(text);
        } catch (JsonException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    static ResponseStatus of(JsonObject body) {
        JsonObject status = body.get("responseStatus") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        return new ResponseStatus(string(status, "errorCode"), string(status, "message"));
    }

    /** The refusal of an expired access token, the one refusal a new access token cures. */
    boolean expiredToken() {
        return errorCode.equals("TokenException") && message.equals("Token has expired");
    }

    private static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString value ? value.getString() : "";
    }
}
