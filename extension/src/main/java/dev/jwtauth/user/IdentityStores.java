package dev.jwtauth.user;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.CallerOnlyCredential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;

import dev.jwtauth.spi.StoreUnavailableException;

/**
 * The application's {@link IdentityStore} beans ({@code @DatabaseIdentityStoreDefinition},
 * {@code @LdapIdentityStoreDefinition}, its own): passwords are checked by the container's
 * {@link IdentityStoreHandler}, which asks them in their priority order, as it does for any mechanism. jwtauth adds
 * no identity store of its own, so these are exactly the application's.
 */
@ApplicationScoped
class IdentityStores {
    private static final Logger LOG = Logger.getLogger(IdentityStores.class.getName());

    @Inject
    Instance<IdentityStore> stores;

    @Inject
    Instance<IdentityStoreHandler> handler;

    /** Whether the application has identity stores. */
    boolean present() {
        return !stores.isUnsatisfied();
    }

    /**
     * The container's answer for this user name and password.
     *
     * @throws StoreUnavailableException a store failed (logged): nothing was decided
     */
    CredentialValidationResult validate(String userName, String password) {
        return asking(() -> handler.get().validate(new UsernamePasswordCredential(userName, password)));
    }

    /**
     * The groups of the stores that provide groups ({@code getCallerGroups}) for a caller known by name alone, in
     * order. A store that gives groups only when it checks a password gives none here.
     */
    Set<String> groupsOf(String callerName) {
        CredentialValidationResult caller = new CredentialValidationResult(callerName);
        return asking(() -> {
            Set<String> groups = new TreeSet<>();
            for (IdentityStore store : stores) {
                if (store.validationTypes().contains(IdentityStore.ValidationType.PROVIDE_GROUPS)) {
                    Set<String> provided = store.getCallerGroups(caller);
                    if (provided != null) {
                        groups.addAll(provided);
                    }
                }
            }
            return groups;
        });
    }

    /**
     * Whether the stores no longer know {@code callerName}: every store that checks credentials answers a
     * {@link CallerOnlyCredential} (the caller's name alone) with INVALID, as Liberty's database store does once the
     * caller's row is gone. A store that cannot tell (NOT_VALIDATED, as most hand-written stores) keeps the caller.
     */
    boolean forgot(String callerName) {
        return asking(() -> {
            boolean asked = false;
            for (IdentityStore store : stores) {
                if (store.validationTypes().contains(IdentityStore.ValidationType.VALIDATE)) {
                    if (store.validate(new CallerOnlyCredential(callerName)).getStatus() != CredentialValidationResult.Status.INVALID) {
                        return false;
                    }
                    asked = true;
                }
            }
            return asked;
        });
    }

    /** A question to the application's stores, whose failure is answered as a failure of jwtauth's store is: 503. */
    private static <T> T asking(Supplier<T> question) {
        try {
            return question.get();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "JWTAUTH0107E: an identity store of the application failed; the request was answered 503", e);
            throw new StoreUnavailableException();
        }
    }
}
