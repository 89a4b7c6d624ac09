package dev.jwtauth.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;

import dev.jwtauth.User;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.PasswordSettings;
import dev.jwtauth.spi.StoreUnavailableException;
import dev.jwtauth.spi.UserSource;

/**
 * Every user jwtauth issues tokens for, whichever store checks the password: the users of its own {@link UserStore},
 * and those of the application's identity stores ({@code IdentityStore} beans, asked through the container's
 * {@code IdentityStoreHandler}). jwtauth's sign-in services and {@code jwt.AuthenticateBasicRequests} use it; an
 * application's own login code may too (the services' throttle is theirs, not here).
 * <p>
 * Which store checks a password: without identity stores of the application's, jwtauth's own store alone, exactly
 * as {@link UserStore#signIn}; with them, the identity stores — and jwtauth's store first with
 * {@code jwt.UserStoreSignIn=always}, deciding alone for the names it knows.
 * <p>
 * A user of the identity stores is, unless the application has a {@link UserSource}, given an account in jwtauth's
 * table at its first sign-in: no password, its roles the groups the stores gave. Its id there is the {@code sub} of
 * its tokens and the user id of its refresh tokens, so no id of one store can ever be taken for another's; and
 * {@link UserStore#lock}, {@link UserStore#delete} and {@link UserStore#setPermissions} work for it, and its failed
 * sign-ins count towards {@code jwt.MaxLoginAttempts}, as for jwtauth's own users. With a {@code UserSource}, the
 * application keeps its users itself: it is asked for the user by the id the store gave (its unique id, else the
 * caller name), and the groups the store gave are the roles.
 */
@ApplicationScoped
public class Accounts {
    private static final Logger LOG = Logger.getLogger(Accounts.class.getName());

    @Inject
    UserStore users;

    @Inject
    SignInUpdates updates;

    @Inject
    IdentityStores identityStores;

    @Inject
    Instance<UserSource> applicationUsers;

    @Inject
    JwtEngine engine;

    /**
     * The user if the password is right and the user is not locked out; the refusals, and how long they take, are
     * those of {@link UserStore#signIn}.
     *
     * @throws SignInException           refused
     * @throws StoreUnavailableException jwtauth's store failed
     */
    public User signIn(String userName, String password) throws SignInException {
        if (!identityStores.present()) {
            return users.signIn(userName, password);
        }
        if (engine.settings().passwords().userStore() == PasswordSettings.UserStoreUse.ALWAYS) {
            Optional<UserAccount> own = users.ownAccount(userName);
            if (own.isPresent()) {
                return users.signIn(own.get(), password);
            }
        }
        return throughIdentityStores(userName, password);
    }

    private User throughIdentityStores(String userName, String password) throws SignInException {
        Instant now = Instant.now(engine.clock());
        Optional<UserAccount> named = users.accountNamed(userName).filter(UserAccount::isLinked);
        if (named.isPresent() && named.get().signInLockedAt(now)) {
            throw users.refuseUncounted(password);
        }
        CredentialValidationResult result = identityStores.validate(userName, password);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            users.countFailure(named, now);
            throw new SignInException(SignInException.Reason.INVALID_CREDENTIALS);
        }
        Set<String> groups = new TreeSet<>(result.getCallerGroups());
        if (!applicationUsers.isUnsatisfied()) {
            return applicationUser(result, groups, now);
        }
        String callerName = result.getCallerPrincipal().getName();
        Optional<UserAccount> existing = users.accountNamed(callerName);
        if (existing.isPresent() && !existing.get().isLinked()) {
            LOG.warning(() -> "JWTAUTH0105W: the application's identity stores accepted the password of '" + callerName
                    + "', which is the name of a user of jwtauth's own store: refused, so that neither can get the other's "
                    + "tokens. Delete one of them, or let jwtauth's store decide for its users (jwt.UserStoreSignIn=always).");
            throw new SignInException(SignInException.Reason.INVALID_CREDENTIALS);
        }
        boolean groupsAsked = identityStores.groupsOf(callerName).containsAll(groups);
        UserAccount account = existing.orElseGet(() -> link(callerName, groups, groupsAsked));
        // Checked after the password, as for jwtauth's own users.
        if (account.lockedAt(now)) {
            throw new SignInException(SignInException.Reason.LOCKED_OUT);
        }
        if (account.hasFailedSignIns() || account.asksGroups() != groupsAsked || !Set.copyOf(account.roles).equals(groups)) {
            updates.signedInThroughIdentityStores(account.id, groups, groupsAsked);
        }
        return account.toUser(groups);
    }

    /** The application's own user (its {@link UserSource}) of a caller the identity stores accepted. */
    private User applicationUser(CredentialValidationResult result, Set<String> groups, Instant now) throws SignInException {
        String id = Optional.ofNullable(result.getCallerUniqueId()).filter(unique -> !unique.isBlank())
                .orElse(result.getCallerPrincipal().getName());
        User user = applicationUsers.get().user(id).orElseThrow(() -> {
            LOG.warning(() -> "JWTAUTH0106W: the application's identity stores accepted the password of '" + id
                    + "', but its UserSource does not know that id: refused");
            return new SignInException(SignInException.Reason.INVALID_CREDENTIALS);
        });
        if (user.isLockedAt(now)) {
            throw new SignInException(SignInException.Reason.LOCKED_OUT);
        }
        return new User(user.id(), user.userName(), user.profile(), List.copyOf(groups), user.permissions(),
                user.lockedOut(), user.lockoutEnd());
    }

    /** The account of an identity store's user, made now, or by a parallel first sign-in a moment ago. */
    private UserAccount link(String callerName, Set<String> groups, boolean groupsAsked) {
        try {
            updates.link(callerName, groups, groupsAsked);
        } catch (StoreUnavailableException e) {
            // the name's uniqueness refused a second account; anything else fails the sign-in
            return users.accountNamed(callerName).filter(UserAccount::isLinked).orElseThrow(() -> e);
        }
        return users.accountNamed(callerName).orElseThrow(StoreUnavailableException::new);
    }
}
