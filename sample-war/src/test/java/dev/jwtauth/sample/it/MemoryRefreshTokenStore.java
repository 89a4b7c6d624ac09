package dev.jwtauth.sample.it;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import dev.jwtauth.spi.RefreshTokenStore;
import dev.jwtauth.user.UserStore;

/**
 * An application's own refresh-token store, as a user would write one for a shared cache: entries in a map, each
 * conditional update atomic ({@code ConcurrentHashMap.compute}). Also a resource that counts a user's live tokens in it.
 */
@ApplicationScoped
@Path("it-memory-store/{name}")
public class MemoryRefreshTokenStore implements RefreshTokenStore {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    UserStore users;

    @GET
    public long liveTokens(@PathParam("name") String name) {
        return live(users.find(name).orElseThrow().id(), Instant.now());
    }

    @Override
    public Optional<Entry> find(String tokenHash) {
        return Optional.ofNullable(entries.get(tokenHash));
    }

    @Override
    public void add(Entry entry) {
        entries.put(entry.tokenHash(), entry);
    }

    @Override
    public boolean rotate(Entry replaced, Entry successor, Instant now) {
        boolean[] won = {false};
        entries.computeIfPresent(replaced.tokenHash(), (hash, e) -> {
            if (e.rotatedAt().isPresent() || e.revokedAt().isPresent()) {
                return e;
            }
            won[0] = true;
            return new Entry(hash, e.userId(), e.family(), e.tenant(), e.issuedAt(), e.expiresAt(), e.familyExpiresAt(),
                    Optional.of(now), Optional.empty());
        });
        if (won[0]) {
            entries.put(successor.tokenHash(), successor);
        }
        return won[0];
    }

    @Override
    public boolean extend(Entry entry, Instant expiresAt) {
        boolean[] extended = {false};
        entries.computeIfPresent(entry.tokenHash(), (hash, e) -> {
            if (e.revokedAt().isPresent() || !e.expiresAt().isBefore(expiresAt)) {
                return e;
            }
            extended[0] = true;
            return new Entry(hash, e.userId(), e.family(), e.tenant(), e.issuedAt(), expiresAt, e.familyExpiresAt(),
                    e.rotatedAt(), e.revokedAt());
        });
        return extended[0];
    }

    @Override
    public int revokeFamily(String family, Instant now) {
        return revokeWhere(e -> e.family().equals(family), now);
    }

    @Override
    public int revokeUser(String userId, Optional<String> tenant, Instant now) {
        return revokeWhere(e -> e.userId().equals(userId) && e.tenant().equals(tenant), now);
    }

    private int revokeWhere(Predicate<Entry> which, Instant now) {
        int[] revoked = {0};
        entries.replaceAll((hash, e) -> {
            if (!which.test(e) || e.revokedAt().isPresent()) {
                return e;
            }
            revoked[0]++;
            return new Entry(hash, e.userId(), e.family(), e.tenant(), e.issuedAt(), e.expiresAt(), e.familyExpiresAt(),
                    e.rotatedAt(), Optional.of(now));
        });
        return revoked[0];
    }

    @Override
    public int purge(Instant cutoff, int limit) {
        return 0;
    }

    @Override
    public long live(String userId, Instant now) {
        return entries.values().stream().filter(e -> e.userId().equals(userId) && e.revokedAt().isEmpty()
                && e.rotatedAt().isEmpty() && e.expiresAt().isAfter(now)).count();
    }
}
