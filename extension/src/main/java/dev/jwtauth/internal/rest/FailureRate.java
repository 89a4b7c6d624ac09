package dev.jwtauth.internal.rest;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * At most {@code limit} failures per key (a client address, a user name) in any {@code window}, the allowance
 * coming back evenly, one every {@code window / limit}: the generic cell rate algorithm, which keeps one number per
 * key — the time at which the key's allowance is whole again. A key whose allowance is whole is the same as no key,
 * so it is dropped (by a sweep once per window, or when its failure is given back): an entry lives at most two
 * windows after its last failure.
 * <p>
 * An attempt {@link #take takes} one failure before it is tried (so parallel attempts cannot all slip through
 * before the first one fails) and {@link #giveBack gives it back} if it succeeded.
 * <p>
 * Memory: an entry is made only by an attempt that was let through, i.e. one that costs a password hash, so the
 * entries alive are at most the hashes of the last {@code window} — far fewer than {@code capacity} on any
 * server. Should {@code capacity} be reached anyway, new keys are let through uncounted (logged) rather than
 * refused: keys beyond it mean an attack from more addresses or names than a per-key limit can hold back, and
 * refusing every newcomer would lock every user out while it lasts; the lock-out in the store still counts.
 */
final class FailureRate {
    private static final Logger LOG = Logger.getLogger(FailureRate.class.getName());

    private final String what;
    private final long window;
    private final long interval;
    private final int capacity;
    private final LongSupplier nanoTime;
    /** Key → when its allowance is whole again (System.nanoTime). */
    private final ConcurrentHashMap<String, Long> wholeAt = new ConcurrentHashMap<>();
    /**
     * The keys refused since they were last let through: each is logged once when it is first refused, not at every
     * refusal of a flood. Only keys of {@link #wholeAt} can be refused, so this holds no more.
     */
    private final Set<String> throttled = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextSweep;
    private final AtomicLong nextFullWarning;

    /** {@code what} is what one key is, for the log ("client address"). */
    FailureRate(String what, int limit, Duration window, int capacity, LongSupplier nanoTime) {
        if (limit <= 0) {
            throw new IllegalArgumentException("a limit of at least 1");
        }
        this.what = what;
        this.window = window.toNanos();
        this.interval = this.window / limit;
        this.capacity = capacity;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.nextSweep = new AtomicLong(now + this.window);
        this.nextFullWarning = new AtomicLong(now);
    }

    /**
     * Counts a failure of {@code key} in advance: empty if it is within the limit, else how long until it would be
     * (and nothing is counted).
     */
    Optional<Duration> take(String key) {
        long now = nanoTime.getAsLong();
        sweepIfDue(now);
        if (wholeAt.size() >= capacity && !wholeAt.containsKey(key)) {
            warnFull(now);
            return Optional.empty();
        }
        long[] wait = {0};
        wholeAt.compute(key, (k, whole) -> {
            long from = whole == null || whole - now < 0 ? now : whole;
            long next = from + interval;
            if (next - now > window) {
                wait[0] = next - window - now;
                return whole;
            }
            return next;
        });
        if (wait[0] <= 0) {
            throttled.remove(key);
            return Optional.empty();
        }
        if (throttled.add(key)) {
            LOG.warning(() -> "JWTAUTH0111W: sign-ins of " + describe(key) + " are throttled: " + (window / interval)
                    + " failed in the last " + Duration.ofNanos(window) + "; refused (429) for " + Duration.ofNanos(wait[0]).toSeconds()
                    + " s, then one attempt every " + Duration.ofNanos(interval).toSeconds() + " s");
        }
        return Optional.of(Duration.ofNanos(wait[0]));
    }

    /** "client address 192.0.2.1", "user name alice": the key is an address or a name, never a password. */
    private String describe(String key) {
        return what + " " + key;
    }

    /** Takes back a failure counted by {@link #take} for an attempt that did not fail. */
    void giveBack(String key) {
        long now = nanoTime.getAsLong();
        wholeAt.computeIfPresent(key, (k, whole) -> whole - interval - now <= 0 ? null : whole - interval);
    }

    /** Keys currently remembered. */
    int size() {
        return wholeAt.size();
    }

    /** Drops the keys whose allowance is whole again, at most once per window, by whichever attempt comes first. */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + window)) {
            wholeAt.values().removeIf(whole -> whole - now <= 0);
            throttled.retainAll(wholeAt.keySet());
        }
    }

    private void warnFull(long now) {
        long due = nextFullWarning.get();
        if (now - due >= 0 && nextFullWarning.compareAndSet(due, now + window)) {
            LOG.warning("JWTAUTH0104W: " + capacity + " keys (" + what + ") with failed sign-ins in the last " + Duration.ofNanos(window)
                    + " are remembered, the most kept: sign-ins from further ones are not throttled until some expire");
        }
    }
}
