package dev.jwtauth.user;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.SignInLimits;

/**
 * What a sign-in changes in its user's row, each a short transaction of conditional updates after the password
 * was checked. The sign-in reads the row outside any transaction ({@link UserStore#signIn}): where the isolation
 * keeps read locks until commit (repeatable read on Derby), two sign-ins of one user that each read the row and
 * then updated it in one transaction would deadlock — and would hold the lock while hashing.
 */
@ApplicationScoped
@StoreCall
class SignInUpdates {
    private static final Logger LOG = Logger.getLogger(SignInUpdates.class.getName());

    @Inject
    @StoreDatabase.Unit
    EntityManager em;

    @Inject
    JwtEngine engine;

    /**
     * One more failed sign-in, and the lock once there are {@code jwt.MaxLoginAttempts}. The first statement holds
     * the row until the commit, so parallel failures at servers sharing the database each count once, and exactly
     * one of them locks (and starts the count again).
     */
    @Transactional
    void failed(long id, Instant now) {
        SignInLimits limits = engine.settings().signIn();
        if (limits.maxLoginAttempts() == 0) {
            return;
        }
        em.createNamedQuery(UserAccount.COUNT_FAILED_SIGN_IN).setParameter("id", id).executeUpdate();
        Instant end = now.plus(limits.lockoutPeriod());
        int locked = em.createNamedQuery(UserAccount.LOCK_AFTER_FAILED_SIGN_INS).setParameter("id", id)
                .setParameter("max", limits.maxLoginAttempts()).setParameter("end", end)
                .executeUpdate();
        if (locked > 0) {
            // the account's id (the sub of its tokens), not its name: what an operator needs to look it up
            LOG.warning(() -> "JWTAUTH0110W: the account with id " + id + " is locked until " + end + " after "
                    + limits.maxLoginAttempts() + " failed sign-ins (jwt.MaxLoginAttempts)");
        }
    }

    /** A success: the failed sign-ins before it are forgotten (a lock a parallel failure set meanwhile is kept). */
    @Transactional
    void succeeded(long id) {
        em.createNamedQuery(UserAccount.FORGET_FAILED_SIGN_INS).setParameter("id", id).executeUpdate();
    }

    /** The account of an identity store's user, made at its first sign-in: its name and groups, no password. */
    @Transactional
    long link(String userName, Set<String> groups, boolean groupsAsked) {
        UserAccount account = new UserAccount();
        account.setUserName(userName);
        account.linkToIdentityStores(groupsAsked);
        account.setRoles(groups);
        em.persist(account);
        em.flush();
        return account.id;
    }

    /**
     * What a sign-in of an identity store's user changes: the groups it came with, whether they can be asked for, and
     * the failed sign-ins before it (forgotten; a lock a parallel failure set meanwhile is kept). The first statement
     * holds the row until the commit, so parallel sign-ins of one user wait for each other instead of deadlocking.
     */
    @Transactional
    void signedInThroughIdentityStores(long id, Set<String> groups, boolean groupsAsked) {
        em.createNamedQuery(UserAccount.LOCK_FOR_UPDATE).setParameter("id", id).setParameter("asked", groupsAsked).executeUpdate();
        em.createNamedQuery(UserAccount.FORGET_FAILED_SIGN_INS).setParameter("id", id).executeUpdate();
        UserAccount account = em.find(UserAccount.class, id);
        if (account != null && !new LinkedHashSet<>(account.roles).equals(groups)) {
            account.setRoles(groups);
        }
    }

    /** Replaces the hash the sign-in checked, unless the password was changed meanwhile. */
    @Transactional
    void rehash(long id, String checked, String replacement) {
        em.createNamedQuery(UserAccount.REHASH).setParameter("id", id).setParameter("old", checked)
                .setParameter("hash", replacement).executeUpdate();
    }
}
