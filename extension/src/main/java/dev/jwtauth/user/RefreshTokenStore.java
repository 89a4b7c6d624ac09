package dev.jwtauth.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The refresh-token table, one short statement or transaction per method. Reads run outside any transaction, so
 * they hold no lock: where the data source's isolation keeps read locks until commit (repeatable read on Derby,
 * DB2, SQL Server), two redemptions that each read a token and then update it in one transaction deadlock. Every decision that concurrent requests or servers could disagree on is a conditional update, so the
 * database decides it: the row either matched or it did not.
 */
@ApplicationScoped
@StoreCall
public class RefreshTokenStore {
    @PersistenceContext(unitName = "jwtauth")
    EntityManager em;

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    Optional<RefreshTokenRecord> find(String tokenHash) {
        return em.createNamedQuery(RefreshTokenRecord.BY_HASH, RefreshTokenRecord.class)
                .setParameter("hash", tokenHash).getResultList().stream().findFirst();
    }

    @Transactional
    void add(RefreshTokenRecord record) {
        em.persist(record);
    }

    /**
     * Marks {@code record} as replaced by {@code successor} and stores the successor, if no other request replaced
     * it or revoked its family first; false (and nothing stored) otherwise.
     */
    @Transactional
    boolean rotate(RefreshTokenRecord record, RefreshTokenRecord successor, Instant now) {
        int won = em.createNamedQuery(RefreshTokenRecord.ROTATE).setParameter("now", now).setParameter("id", record.id)
                .executeUpdate();
        if (won == 0) {
            return false;
        }
        em.persist(successor);
        return true;
    }

    /** Moves the expiry forward (sliding expiry) unless the family was revoked meanwhile; false then. */
    @Transactional
    boolean extend(RefreshTokenRecord record, Instant expiresAt) {
        return em.createNamedQuery(RefreshTokenRecord.EXTEND).setParameter("expiresAt", expiresAt)
                .setParameter("id", record.id).executeUpdate() > 0;
    }

    /** Revokes every token of the family not revoked yet; how many that were. */
    @Transactional
    int revokeFamily(String family, Instant now) {
        return em.createNamedQuery(RefreshTokenRecord.REVOKE_FAMILY).setParameter("now", now).setParameter("family", family)
                .executeUpdate();
    }

    /** Deletes up to {@code limit} rows that expired or were revoked before {@code cutoff}; how many it deleted. */
    @Transactional
    int purge(Instant cutoff, int limit) {
        List<Long> ids = em.createNamedQuery(RefreshTokenRecord.PURGEABLE, Long.class).setParameter("cutoff", cutoff)
                .setMaxResults(limit).getResultList();
        return ids.isEmpty() ? 0 : em.createNamedQuery(RefreshTokenRecord.DELETE_BY_IDS).setParameter("ids", ids).executeUpdate();
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    long live(String userId, Instant now) {
        return em.createNamedQuery(RefreshTokenRecord.COUNT_LIVE_OF_USER, Long.class)
                .setParameter("userId", userId).setParameter("now", now).getSingleResult();
    }
}
