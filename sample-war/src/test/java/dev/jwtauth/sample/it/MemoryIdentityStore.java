package dev.jwtauth.sample.it;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * Deployed only with the identity-store tests: an application's own {@link IdentityStore}, written as most are —
 * it overrides {@code validate} only, giving the groups with the result, and keeps the interface's default
 * {@code validationTypes} and {@code getCallerGroups} (so it cannot tell a caller's groups without a password). Its
 * users live in memory; {@link Callers} adds them (password {@link #PASSWORD}). For names starting with
 * {@link #BROKEN} it throws, as a store whose directory is unreachable does.
 */
@ApplicationScoped
public class MemoryIdentityStore implements IdentityStore {
    static final String PASSWORD = "memory-password";
    /** Names the store fails for, as a store whose directory is unreachable does. */
    static final String BROKEN = "broken-";
    static final Map<String, Set<String>> GROUPS = new ConcurrentHashMap<>();

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        if (login.getCaller().startsWith(BROKEN)) {
            throw new IllegalStateException("the directory behind this store is down");
        }
        Set<String> groups = GROUPS.get(login.getCaller());
        return groups != null && login.compareTo(login.getCaller(), PASSWORD)
                ? new CredentialValidationResult(login.getCaller(), groups) : CredentialValidationResult.INVALID_RESULT;
    }

    @Path("it-memory-callers/{name}")
    public static class Callers {
        @PUT
        public void create(@PathParam("name") String name, @QueryParam("group") List<String> groups) {
            GROUPS.put(name, Set.copyOf(groups));
        }
    }
}
