package dev.jwtauth;

import java.io.Serializable;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.CallerPrincipal;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.jwtauth.token.VerifiedToken;

/**
 * The caller of a request authenticated by a token, as the application sees it through {@code getUserPrincipal()},
 * {@code SecurityContext} and {@code @Inject JsonWebToken}. Claim values follow the MicroProfile JWT conventions
 * (and smallrye-jwt's, so its {@code @Claim} producers convert them): strings as {@code String}, the time claims as
 * {@code Long}, {@code groups} and {@code aud} as {@code Set<String>}, everything else as the JSON-P value it was
 * parsed into.
 */
public final class JwtPrincipal extends CallerPrincipal implements JsonWebToken {
    private static final long serialVersionUID = 1L;

    private final transient VerifiedToken token;
    private final Set<String> groups;

    /** The caller of a token, with the token's roles. */
    public JwtPrincipal(VerifiedToken token) {
        this(token, token.roles());
    }

    /** The caller of a token, with roles an application's {@code CallerFilter} decided. */
    public JwtPrincipal(VerifiedToken token, Set<String> groups) {
        this(token, groups, false);
    }

    /**
     * The caller of a token, with roles an application's {@code CallerFilter} decided; with {@code everyRole}, a
     * caller who passes every role check (an {@code Admin} under {@code jwt.AdminRoleSatisfiesAll}): its groups then
     * contain every role asked about, and list {@code groups}.
     */
    public JwtPrincipal(VerifiedToken token, Set<String> groups, boolean everyRole) {
        super(nameOf(token));
        this.token = token;
        // The token's own (unmodifiable) roles unless a CallerFilter changed them: one set less per cached token.
        Set<String> listed = groups == token.roles() ? groups : Collections.unmodifiableSet(new LinkedHashSet<>(groups));
        this.groups = everyRole ? new EveryRole(listed) : listed;
    }

    /**
     * Whether this caller passes every role check, and every permission check ({@code @RequiresPermission}):
     * ServiceStack's rule for {@code Admin}, under {@code jwt.AdminRoleSatisfiesAll}.
     */
    public boolean hasEveryRole() {
        return groups instanceof EveryRole;
    }

    /** MP-JWT 2.1 §7.1.1: the caller's name is {@code upn}, else {@code preferred_username}, else {@code sub}. */
    private static String nameOf(VerifiedToken token) {
        return token.string(Claims.upn.name())
                .or(() -> token.string(Claims.preferred_username.name()))
                .orElse(token.subject());
    }

    /** The validated token behind this principal. */
    public VerifiedToken token() {
        return token;
    }

    @Override
    public String getName() {
        return super.getName();
    }

    @Override
    public String getSubject() {
        return token.subject();
    }

    @Override
    public Set<String> getGroups() {
        return groups;
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new HashSet<>(token.claims().keySet());
        names.add(Claims.raw_token.name());
        names.add(Claims.groups.name());
        return names;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) switch (claimName) {
            case "raw_token" -> token.raw();
            case "groups" -> groups;
            case "sub" -> token.subject();
            case "aud" -> audience();
            case "exp" -> token.expiresAt();
            case "iat", "nbf", "auth_time", "updated_at" -> seconds(token.claim(claimName));
            default -> value(token.claim(claimName));
        };
    }

    private Set<String> audience() {
        JsonValue aud = token.claim("aud");
        if (aud instanceof JsonString single) {
            return Set.of(single.getString());
        }
        return aud instanceof JsonArray array ? Set.copyOf(array.getValuesAs(JsonString::getString)) : null;
    }

    private static Long seconds(JsonValue value) {
        return value instanceof JsonNumber number ? number.longValue() : null;
    }

    /** Strings as {@code String}; numbers, booleans, arrays and objects as their JSON-P values; JSON null as null. */
    private static Object value(JsonValue value) {
        return value instanceof JsonString text ? text.getString() : value;
    }

    @Override
    public String toString() {
        return "JwtPrincipal[" + getName() + "]";
    }

    /**
     * The groups of a caller who passes every role check: {@code contains} is true for every role, so every check
     * that asks the groups (the request's {@code isUserInRole}, JAX-RS {@code @RolesAllowed}, {@code getGroups()})
     * passes; iterated — what the container copies at a login — they are the listed ones. Unmodifiable.
     */
    private static final class EveryRole extends AbstractSet<String> implements Serializable {
        private static final long serialVersionUID = 1L;

        private final Set<String> listed;

        EveryRole(Set<String> listed) {
            this.listed = listed;
        }

        @Override
        public boolean contains(Object role) {
            return role instanceof String;
        }

        @Override
        public Iterator<String> iterator() {
            return Collections.unmodifiableSet(listed).iterator();
        }

        @Override
        public int size() {
            return listed.size();
        }
    }
}
