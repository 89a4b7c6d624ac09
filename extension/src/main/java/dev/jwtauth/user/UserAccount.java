package dev.jwtauth.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import dev.jwtauth.User;
import dev.jwtauth.token.Profile;

/**
 * A row of the user store. Internal: applications see {@link User} and change users through {@link UserStore}.
 * User names and e-mail addresses are unique regardless of case; the {@code *_KEY} columns hold the lower-case form
 * the uniqueness and the look-ups use.
 * <p>
 * A row is either a user of this store, with a password hash, or the account of a user of the application's identity
 * stores ({@link #IDENTITY_STORE}, made at the user's first sign-in by {@link Accounts}): no password, its roles the
 * groups of its last sign-in. Both have an id of this table, so a refresh token's user id names one person whichever
 * store checked the password.
 */
@Entity
@Table(name = "JWTAUTH_USER")
// The look-ups fetch the roles in the same statement as the user (one SELECT fewer on every sign-in and refresh);
// the permissions come in a SELECT of their own. Fetching both in one join would read roles × permissions rows,
// dearer than the extra statement as soon as a user has a few of each.
@NamedQuery(name = UserAccount.BY_ID, query = "SELECT u FROM UserAccount u LEFT JOIN FETCH u.roles WHERE u.id = :id")
@NamedQuery(name = UserAccount.BY_NAME, query = "SELECT u FROM UserAccount u LEFT JOIN FETCH u.roles WHERE u.userNameKey = :key")
@NamedQuery(name = UserAccount.BY_EMAIL, query = "SELECT u FROM UserAccount u LEFT JOIN FETCH u.roles WHERE u.emailKey = :key")
@NamedQuery(name = UserAccount.COUNT_FAILED_SIGN_IN,
        query = "UPDATE UserAccount u SET u.failedSignIns = COALESCE(u.failedSignIns, 0) + 1 WHERE u.id = :id")
@NamedQuery(name = UserAccount.LOCK_AFTER_FAILED_SIGN_INS, query = "UPDATE UserAccount u "
        + "SET u.failedSignIns = 0, u.signInLockoutEnd = :end WHERE u.id = :id AND u.failedSignIns >= :max")
@NamedQuery(name = UserAccount.FORGET_FAILED_SIGN_INS,
        query = "UPDATE UserAccount u SET u.failedSignIns = 0 WHERE u.id = :id AND u.failedSignIns > 0")
@NamedQuery(name = UserAccount.LOCK_FOR_UPDATE, query = "UPDATE UserAccount u SET u.groupsAsked = :asked WHERE u.id = :id")
@NamedQuery(name = UserAccount.REHASH, query = "UPDATE UserAccount u SET u.passwordHash = :hash "
        + "WHERE u.id = :id AND u.passwordHash = :old")
class UserAccount {
    static final String BY_ID = "jwtauth.UserAccount.byId";
    static final String BY_NAME = "jwtauth.UserAccount.byName";
    static final String BY_EMAIL = "jwtauth.UserAccount.byEmail";
    static final String COUNT_FAILED_SIGN_IN = "jwtauth.UserAccount.countFailedSignIn";
    static final String LOCK_AFTER_FAILED_SIGN_INS = "jwtauth.UserAccount.lockAfterFailedSignIns";
    static final String FORGET_FAILED_SIGN_INS = "jwtauth.UserAccount.forgetFailedSignIns";
    static final String REHASH = "jwtauth.UserAccount.rehash";
    static final String LOCK_FOR_UPDATE = "jwtauth.UserAccount.lockForUpdate";
    /** {@link #origin} of the account of a user whose password the application's identity stores check. */
    static final String IDENTITY_STORE = "IDENTITY_STORE";
    /** {@link #passwordHash} of such an account: not a hash, so no password can ever match it. */
    static final String NO_PASSWORD = "-";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "USER_NAME", nullable = false, length = 128)
    String userName;

    @Column(name = "USER_NAME_KEY", nullable = false, unique = true, length = 128)
    String userNameKey;

    @Column(name = "EMAIL", length = 256)
    String email;

    @Column(name = "EMAIL_KEY", unique = true, length = 256)
    String emailKey;

    @Column(name = "DISPLAY_NAME", length = 256)
    String displayName;

    @Column(name = "FIRST_NAME", length = 128)
    String firstName;

    @Column(name = "LAST_NAME", length = 128)
    String lastName;

    @Column(name = "PROFILE_URL", length = 2800)
    String profileUrl;

    @Column(name = "PASSWORD_HASH", nullable = false, length = 512)
    String passwordHash;

    @Column(name = "LOCKED_OUT", nullable = false)
    boolean lockedOut;

    @Column(name = "LOCKOUT_END")
    Instant lockoutEnd;

    /**
     * Failed password sign-ins since the last success, lock-out or unlock; changed in the database by one statement
     * per failure ({@link SignInUpdates}), so servers sharing it count each failure once. Nullable: rows made before
     * the column existed have none, which counts as 0.
     */
    @Column(name = "FAILED_SIGN_INS")
    Integer failedSignIns = 0;

    /**
     * The automatic lock after {@code jwt.MaxLoginAttempts} failed sign-ins: until then password sign-in is
     * refused. Unlike the application's lock ({@link #lockedOut}, {@link #lockoutEnd}) it leaves refresh tokens
     * working: whoever types wrong passwords must not sign the user out of every device.
     */
    @Column(name = "SIGN_IN_LOCKOUT_END")
    Instant signInLockoutEnd;

    /** Null for a user of this store; {@link #IDENTITY_STORE} for the account of an identity store's user. */
    @Column(name = "ORIGIN", length = 32)
    String origin;

    /**
     * Of an identity store's user: whether, at its last sign-in, the application's stores that provide groups gave all
     * of the groups the sign-in did when asked by name alone. Then a refresh asks them again (current groups);
     * otherwise a refresh keeps the groups of the last sign-in (a store that gives groups only with a password).
     */
    @Column(name = "GROUPS_ASKED")
    Boolean groupsAsked;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "JWTAUTH_USER_ROLE", joinColumns = @JoinColumn(name = "USER_ID"))
    @OrderColumn(name = "POSITION")
    @Column(name = "ROLE_NAME", nullable = false, length = 128)
    List<String> roles = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "JWTAUTH_USER_PERMISSION", joinColumns = @JoinColumn(name = "USER_ID"))
    @OrderColumn(name = "POSITION")
    @Column(name = "PERMISSION_NAME", nullable = false, length = 128)
    List<String> permissions = new ArrayList<>();

    void setUserName(String value) {
        userName = value.strip();
        userNameKey = User.nameKey(value);
    }

    /** E-mail address, names and picture; the e-mail's uniqueness is the store's to check. */
    void setProfile(Profile profile) {
        email = profile.email().filter(value -> !value.isBlank()).map(String::strip).orElse(null);
        emailKey = email == null ? null : User.nameKey(email);
        displayName = profile.displayName().orElse(null);
        firstName = profile.firstName().orElse(null);
        lastName = profile.lastName().orElse(null);
        profileUrl = profile.profileUrl().orElse(null);
    }

    // Changes go through methods of the entity: with woven change tracking EclipseLink sees only assignments made
    // inside the entity class. The unit is not woven now (StoreDatabase), but stays correct if it ever is.

    /** Makes this new row the account of a user of the application's identity stores. */
    void linkToIdentityStores(boolean asked) {
        origin = IDENTITY_STORE;
        passwordHash = NO_PASSWORD;
        groupsAsked = asked;
    }

    void setGroupsAsked(boolean value) {
        groupsAsked = value;
    }

    void setPasswordHash(String value) {
        passwordHash = value;
    }

    void lock() {
        lockedOut = true;
    }

    void lockUntil(Instant end) {
        lockoutEnd = end;
    }

    /** Ends both locks, and forgets the failed sign-ins. */
    void unlock() {
        lockedOut = false;
        lockoutEnd = null;
        clearFailedSignIns();
    }

    /** Forgets the failed sign-ins and their lock (for the application's changes; a sign-in uses {@link SignInUpdates}). */
    void clearFailedSignIns() {
        if (signInLockoutEnd != null || hasFailedSignIns()) {
            failedSignIns = 0;
            signInLockoutEnd = null;
        }
    }

    void setRoles(Set<String> values) {
        roles.clear();
        roles.addAll(new LinkedHashSet<>(values));
    }

    void setPermissions(Set<String> values) {
        permissions.clear();
        permissions.addAll(new LinkedHashSet<>(values));
    }

    /** Locked by the application: by the flag, or by a lock-out end that has not passed. */
    boolean lockedAt(Instant now) {
        return lockedOut || (lockoutEnd != null && now.isBefore(lockoutEnd));
    }

    /** Locked by failed sign-ins, until its end. */
    boolean signInLockedAt(Instant now) {
        return signInLockoutEnd != null && now.isBefore(signInLockoutEnd);
    }

    /** The account of a user whose password the application's identity stores check. */
    boolean isLinked() {
        return IDENTITY_STORE.equals(origin);
    }

    /** Whether a refresh asks the identity stores for this account's current groups (see {@link #groupsAsked}). */
    boolean asksGroups() {
        return isLinked() && Boolean.TRUE.equals(groupsAsked);
    }

    boolean hasFailedSignIns() {
        return failedSignIns != null && failedSignIns > 0;
    }

    /** The user as applications see it. */
    User toUser() {
        return toUser(roles);
    }

    /** The user with {@code currentRoles} (an identity store's user's current groups) instead of the stored ones. */
    User toUser(Collection<String> currentRoles) {
        Profile profile = new Profile(Optional.ofNullable(email), Optional.ofNullable(displayName),
                Optional.ofNullable(firstName), Optional.ofNullable(lastName), Optional.ofNullable(profileUrl));
        return new User(String.valueOf(id), userName, profile, List.copyOf(currentRoles), permissions, lockedOut,
                Optional.ofNullable(lockoutEnd));
    }
}
