package dev.jwtauth.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Calls of the token services and of the user fixture, as a client sends them, with no hidden cookie store. */
final class Services {
    private Services() {
    }

    /** The sample as built, plus the user fixture. */
    static WebArchive withFixture(WebArchive war) {
        return war.addClass(UserFixture.class);
    }

    static Http.Reply postJson(URI uri, String json, String... headers) {
        return Http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers);
    }

    static Http.Reply post(URI uri, String... headers) {
        return Http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()), headers);
    }

    /** Credentials sign-in in the deployment's default mode; asserts it succeeded. */
    static Http.Reply signIn(String app, String user, String password, String... extraJson) {
        Http.Reply reply = postJson(Http.https(app, "/auth/credentials"), signInBody(user, password, extraJson));
        assertEquals(200, reply.status(), () -> "sign-in of " + user + ": " + reply);
        return reply;
    }

    static String signInBody(String user, String password, String... extraJson) {
        StringBuilder json = new StringBuilder("{\"userName\":\"" + user + "\",\"password\":\"" + password + "\"");
        for (String extra : extraJson) {
            json.append(',').append(extra);
        }
        return json.append('}').toString();
    }

    /** A fresh user of the fixture, with the given roles; its password is {@link UserFixture#PASSWORD}. */
    static String newUser(String app, String prefix, String... roles) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder query = new StringBuilder();
        for (String role : roles) {
            query.append(query.isEmpty() ? "?" : "&").append("role=").append(role);
        }
        Http.Reply reply = Http.send(HttpRequest.newBuilder(Http.https(app, "/it-users/" + name + query))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, reply.status(), () -> "creating " + name + ": " + reply);
        return name;
    }

    static void fixture(String app, String user, String action, String... roles) {
        StringBuilder query = new StringBuilder();
        for (String role : roles) {
            query.append(query.isEmpty() ? "?" : "&").append("role=").append(role);
        }
        Http.Reply reply = post(Http.https(app, "/it-users/" + user + "/" + action + query));
        assertEquals(204, reply.status(), () -> action + " of " + user + ": " + reply);
    }

    static long liveRefreshTokens(String app, String user) {
        return Long.parseLong(Http.get(Http.https(app, "/it-users/" + user + "/refresh-tokens")).body().strip());
    }

    /** The cookies a response sets, by name. */
    static Map<String, SetCookie> setCookies(Http.Reply reply) {
        Map<String, SetCookie> cookies = new LinkedHashMap<>();
        for (String header : reply.header("Set-Cookie")) {
            SetCookie cookie = SetCookie.parse(header);
            cookies.put(cookie.name(), cookie);
        }
        return cookies;
    }

    static String cookie(Http.Reply reply, String name) {
        SetCookie cookie = setCookies(reply).get(name);
        if (cookie == null) {
            throw new AssertionError("no " + name + " cookie set by " + reply);
        }
        return cookie.value();
    }

    /** One {@code Set-Cookie} header: name, value, attributes (lower-case names; flags map to ""). */
    record SetCookie(String name, String value, Map<String, String> attributes) {

        static SetCookie parse(String header) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].strip();
                int at = part.indexOf('=');
                attributes.put((at < 0 ? part : part.substring(0, at)).toLowerCase(Locale.ROOT), at < 0 ? "" : part.substring(at + 1));
            }
            return new SetCookie(parts[0].substring(0, eq).strip(), parts[0].substring(eq + 1).strip(), attributes);
        }

        Optional<String> attribute(String name) {
            return Optional.ofNullable(attributes.get(name.toLowerCase(Locale.ROOT)));
        }

        boolean has(String flag) {
            return attributes.containsKey(flag.toLowerCase(Locale.ROOT));
        }
    }
}
