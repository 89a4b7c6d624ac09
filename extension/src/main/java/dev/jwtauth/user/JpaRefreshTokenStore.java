package dev.jwtauth.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import dev.jwtauth.spi.Builtin;
import dev.jwtauth.spi.RefreshTokenStore;

/**
 * The refresh-token table, one short statement or transaction per method. Reads run outside any transaction, so
 * they hold no lock: where the data source's isolation keeps read locks until commit (repeatable read on Derby,
 * DB2, SQL Server), two redemptions that each read a token and then update it in one transaction deadlock. Every
 * decision that concurrent requests or servers could disagree on is a conditional update, so the database decides
 * it: the row either matched or it did not.
 */
@ApplicationScoped
@Builtin
@StoreCall
class JpaRefreshTokenStore implements RefreshTokenStore {
    @Inject
    @StoreDatabase.Unit
    EntityManager em;

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<Entry> find(String tokenHash) {
        return em.createNamedQuery(RefreshTokenRecord.BY_HASH, RefreshTokenRecord.class)
                .setParameter("hash", tokenHash).getResultList().stream().findFirst().map(RefreshTokenRecord::entry);
    }

    @Override
    @Transactional
    public void add(Entry entry) {
        em.persist(RefreshTokenRecord.of(entry));
    }

    @Override
    @Transactional
    public boolean rotate(Entry replaced, Entry successor, Instant now) {
        int won = em.createNamedQuery(RefreshTokenRecord.ROTATE).setParameter("now", now)
                .setParameter("hash", replaced.tokenHash()).executeUpdate();
        if (won == 0) {
            return false;
        }
        em.persist(RefreshTokenRecord.of(successor));
        return true;
    }

    @Override
    @Transactional
    public boolean extend(Entry entry, Instant expiresAt) {
        return em.createNamedQuery(RefreshTokenRecord.EXTEND).setParameter("expiresAt", expiresAt)
                .setParameter("hash", entry.tokenHash()).executeUpdate() > 0;
    }

    @Override
    @Transactional
    public int revokeFamily(String family, Instant now) {
        return em.createNamedQuery(RefreshTokenRecord.REVOKE_FAMILY).setParameter("now", now).setParameter("family", family)
                .executeUpdate();
    }

    @Override
    @Transactional
    public int revokeUser(String userId, Optional<String> tenant, Instant now) {
        // Two statements: "tenant = :tenant" never matches a null parameter.
        Query revoke = tenant.isPresent()
                ? em.createNamedQuery(RefreshTokenRecord.REVOKE_OF_USER_AT_TENANT).setParameter("tenant", tenant.get())
                : em.createNamedQuery(RefreshTokenRecord.REVOKE_OF_USER_WITHOUT_TENANT);
        return revoke.setParameter("userId", userId).setParameter("now", now).executeUpdate();
    }

    @Override
    @Transactional
    public int purge(Instant cutoff, int limit) {
        List<Long> ids = em.createNamedQuery(RefreshTokenRecord.PURGEABLE, Long.class).setParameter("cutoff", cutoff)
                .setMaxResults(limit).getResultList();
        return ids.isEmpty() ? 0 : em.createNamedQuery(RefreshTokenRecord.DELETE_BY_IDS).setParameter("ids", ids).executeUpdate();
    }

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public long live(String userId, Instant now) {
        return em.createNamedQuery(RefreshTokenRecord.COUNT_LIVE_OF_USER, Long.class)
                .setParameter("userId", userId).setParameter("now", now).getSingleResult();
    }
}
