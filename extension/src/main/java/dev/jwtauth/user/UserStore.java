package dev.jwtauth.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.jwtauth.User;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.token.Profile;

/**
 * The user store, for application code: create users, set their roles and permissions, lock them out, change
 * passwords, delete them — and check a password. Inject it ({@code @Inject UserStore users}). Users are found by
 * user name, or by e-mail address when the name contains {@code @}, regardless of case. When the database fails, a
 * method throws {@link dev.jwtauth.spi.StoreUnavailableException} (the cause is logged) and nothing was changed.
 * <p>
 * Users of the application's identity stores have an account here too, made at their first sign-in ({@link Accounts}):
 * {@code find}, {@code lock}, {@code unlock}, {@code delete} and {@code setPermissions} work for them;
 * {@code setRoles} and {@code setPassword} refuse them (their groups and passwords are the stores'), and
 * {@link #signIn} knows them no more than an unknown name.
 */
@ApplicationScoped
@StoreCall
public class UserStore {
    @Inject
    @StoreDatabase.Unit
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    JwtEngine engine;

    @Inject
    SignInUpdates updates;

    private final CountingTime countingTime = new CountingTime();

    /** Creates a user; fails if the user name or e-mail address is taken. */
    @Transactional
    public User create(NewUser user) {
        UserAccount account = add(user);
        em.flush();
        return account.toUser();
    }

    /**
     * Creates many users in one transaction — typically users moved from another system with their password hashes
     * ({@link NewUser#imported}) —: all of them, or none if a user name or e-mail address is taken, in the store or
     * twice in {@code users} (the {@link UserStoreException} names it). A plain password costs a sign-in's hashing;
     * an imported hash costs nothing here and is replaced at the user's first sign-in. Large imports go in chunks
     * (say a thousand users a call): one transaction holds its rows until it commits.
     */
    @Transactional
    public List<User> importUsers(Collection<NewUser> users) {
        List<UserAccount> added = new ArrayList<>(users.size());
        for (NewUser user : users) {
            added.add(add(user)); // its look-ups flush the users before it, so a name twice in the list is found
        }
        em.flush();
        return added.stream().map(UserAccount::toUser).toList();
    }

    private UserAccount add(NewUser user) {
        if (account(user.userName()).isPresent()) {
            throw new UserStoreException("the user name '" + user.userName() + "' is taken");
        }
        Profile profile = user.profile();
        if (profile.email().isPresent() && byEmail(profile.email().get()).isPresent()) {
            throw new UserStoreException("the e-mail address '" + profile.email().get() + "' is taken");
        }
        UserAccount account = new UserAccount();
        account.setUserName(user.userName());
        account.setProfile(profile);
        account.setRoles(new LinkedHashSet<>(user.roles()));
        account.setPermissions(new LinkedHashSet<>(user.permissions()));
        account.passwordHash = hasher.hash(user.password());
        em.persist(account);
        return account;
    }

    /** The user with this user name (or e-mail address, if it contains {@code @}). */
    public Optional<User> find(String userNameOrEmail) {
        return account(userNameOrEmail).map(UserAccount::toUser);
    }

    /** The user with this id, i.e. the {@code sub} of the user's tokens. */
    public Optional<User> findById(String id) {
        return accountById(id).map(UserAccount::toUser);
    }

    /** Fails for a user of the application's identity stores, whose roles are the groups the stores give. */
    @Transactional
    public User setRoles(String userName, Collection<String> roles) {
        return change(userName, account -> {
            requireOwn(account, "its roles are the groups the application's identity stores give it");
            account.setRoles(new LinkedHashSet<>(roles));
        });
    }

    /**
     * Replaces the user's e-mail address, names and picture, which its next access tokens carry — for a user of the
     * application's identity stores too, whose account here has none until set. Fails if the e-mail address is
     * another user's.
     */
    @Transactional
    public User setProfile(String userName, Profile profile) {
        Optional<UserAccount> owner = profile.email().filter(email -> !email.isBlank()).flatMap(this::byEmail);
        if (owner.isPresent() && !owner.get().userNameKey.equals(User.nameKey(userName))) {
            throw new UserStoreException("the e-mail address '" + profile.email().get() + "' is taken");
        }
        return change(userName, account -> account.setProfile(profile));
    }

    @Transactional
    public User setPermissions(String userName, Collection<String> permissions) {
        return change(userName, account -> account.setPermissions(new LinkedHashSet<>(permissions)));
    }

    /**
     * Locks the user out until {@link #unlock}: no sign-in, and no new access token from a refresh token. (The lock
     * after failed sign-ins is another one: it stops password sign-in only, until it ends by itself.)
     */
    @Transactional
    public User lock(String userName) {
        return change(userName, UserAccount::lock);
    }

    /** Locks the user out until {@code end}. */
    @Transactional
    public User lockUntil(String userName, Instant end) {
        return change(userName, account -> account.lockUntil(end));
    }

    /** Ends the lock-out, the one after failed sign-ins too, and forgets the failed sign-ins. */
    @Transactional
    public User unlock(String userName) {
        return change(userName, UserAccount::unlock);
    }

    /**
     * Replaces the user's password and revokes all of the user's refresh tokens: whoever knew the old password may
     * have signed in with it, so every device signs in again (access tokens stay valid until they expire). An
     * application that changes the password of the signed-in user can give that device a new refresh token
     * ({@code JwtAuth.createRefreshToken}). The failed sign-ins with the old password, and their lock, are
     * forgotten. Fails for a user of the application's identity stores, which check its password.
     */
    @Transactional
    public User setPassword(String userName, String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a user needs a password");
        }
        User user = change(userName, account -> {
            requireOwn(account, "its password is checked by the application's identity stores");
            account.setPasswordHash(hasher.hash(password));
            account.clearFailedSignIns();
        });
        em.createNamedQuery(RefreshTokenRecord.REVOKE_OF_USER).setParameter("userId", user.id())
                .setParameter("now", Instant.now(engine.clock())).executeUpdate();
        return user;
    }

    /** Deletes the user and all of its refresh tokens; its access tokens stay valid until they expire. */
    @Transactional
    public boolean delete(String userName) {
        Optional<UserAccount> account = account(userName);
        account.ifPresent(a -> {
            em.createNamedQuery(RefreshTokenRecord.DELETE_OF_USER).setParameter("userId", String.valueOf(a.id)).executeUpdate();
            em.remove(a);
        });
        return account.isPresent();
    }

    /**
     * The user if the password is right and the user is not locked out. An unknown user, and a user locked by
     * failed sign-ins ({@code jwt.MaxLoginAttempts}), get the answer of a wrong password after as long (a decoy hash,
     * and a wait as long as counting a failure takes): a sign-in tells neither which names exist nor, while that
     * lock lasts, whether a guess was right. A wrong password counts towards that lock. A hash made with fewer
     * iterations than now configured is replaced by a new one.
     * The row is read without a transaction, so no lock is held while the password is hashed; what the sign-in
     * changes, {@link SignInUpdates} writes afterwards.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public User signIn(String userNameOrEmail, String password) throws SignInException {
        Optional<UserAccount> found = ownAccount(userNameOrEmail);
        if (found.isEmpty()) {
            throw refuseUncounted(password);
        }
        return signIn(found.get(), password);
    }

    /** {@link #signIn} of a user of this store that was found already. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    User signIn(UserAccount account, String password) throws SignInException {
        Instant now = Instant.now(engine.clock());
        if (account.signInLockedAt(now)) {
            throw refuseUncounted(password);
        }
        if (!hasher.verify(password, account.passwordHash)) {
            countingTime.measure(() -> updates.failed(account.id, now));
            throw new SignInException(SignInException.Reason.INVALID_CREDENTIALS);
        }
        // Checked after the password, so a lock-out is only revealed to someone who knows it.
        if (account.lockedAt(now)) {
            throw new SignInException(SignInException.Reason.LOCKED_OUT);
        }
        if (account.hasFailedSignIns()) {
            updates.succeeded(account.id);
        }
        if (hasher.needsRehash(account.passwordHash)) {
            updates.rehash(account.id, account.passwordHash, hasher.hash(password));
        }
        return account.toUser();
    }

    /**
     * The answer to a sign-in that counts no failure (unknown user, locked by failed sign-ins), after as long as one
     * that checks a password and counts the failure.
     */
    SignInException refuseUncounted(String password) {
        hasher.verifyNothing(password);
        countingTime.imitate();
        return new SignInException(SignInException.Reason.INVALID_CREDENTIALS);
    }

    /**
     * One more failed sign-in of an identity store's user with an account here (towards {@code jwt.MaxLoginAttempts});
     * without such an account, as long a wait as counting takes, so the answer tells neither apart.
     */
    void countFailure(Optional<UserAccount> account, Instant now) {
        if (account.isPresent()) {
            countingTime.measure(() -> updates.failed(account.get().id, now));
        } else {
            countingTime.imitate();
        }
    }

    /** The stored password hash, for tests and migrations that must see the cost it was made with. */
    public Optional<String> passwordHashOf(String userName) {
        return account(userName).map(account -> account.passwordHash);
    }

    Optional<UserAccount> accountById(String id) {
        long key;
        try {
            key = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return single(em.createNamedQuery(UserAccount.BY_ID, UserAccount.class).setParameter("id", key).getResultList());
    }

    /** A user of this store (one with a password), by user name or e-mail address. */
    Optional<UserAccount> ownAccount(String userNameOrEmail) {
        Optional<UserAccount> found = account(userNameOrEmail);
        if (found.isPresent() && found.get().isLinked()) {
            // an identity store's user has no e-mail address here: one found by it is a user of this store
            return userNameOrEmail.contains("@") ? byEmail(userNameOrEmail) : Optional.empty();
        }
        return found;
    }

    /** The row of exactly this user name (no e-mail look-up), either kind. */
    Optional<UserAccount> accountNamed(String userName) {
        if (userName == null || userName.isBlank()) {
            return Optional.empty();
        }
        return single(em.createNamedQuery(UserAccount.BY_NAME, UserAccount.class)
                .setParameter("key", User.nameKey(userName)).getResultList());
    }

    private static void requireOwn(UserAccount account, String why) {
        if (account.isLinked()) {
            throw new UserStoreException("'" + account.userName + "' signs in through the application's identity stores: " + why);
        }
    }

    private User change(String userName, Consumer<UserAccount> change) {
        UserAccount account = account(userName)
                .orElseThrow(() -> new UserStoreException("there is no user '" + userName + "'"));
        change.accept(account);
        return account.toUser();
    }

    private Optional<UserAccount> account(String userNameOrEmail) {
        if (userNameOrEmail == null || userNameOrEmail.isBlank()) {
            return Optional.empty();
        }
        Optional<UserAccount> byName = accountNamed(userNameOrEmail);
        return byName.isPresent() || !userNameOrEmail.contains("@") ? byName : byEmail(userNameOrEmail);
    }

    private Optional<UserAccount> byEmail(String email) {
        return single(em.createNamedQuery(UserAccount.BY_EMAIL, UserAccount.class)
                .setParameter("key", User.nameKey(email)).getResultList());
    }

    private static Optional<UserAccount> single(List<UserAccount> results) {
        return results.isEmpty() ? Optional.empty() : Optional.of(results.get(0));
    }
}
