package dev.jwtauth.user;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long counting a failed sign-in in the store takes, so that a failure that counts nothing — an unknown user,
 * an account locked by failed sign-ins — takes as long. Counting is a committed write, so a log flush on Derby or
 * PostgreSQL: 5 to 20 ms on our busy 2-core machine with Derby, against 130 to 300 ms for the hash — enough for the
 * medians of a few hundred sign-ins to tell existing names from the others. Each imitation waits as long as one of the last
 * {@value #REMEMBERED} countings, picked at random, so the two paths' times have the same spread, not only the same
 * mean; it waits without working, so it costs no CPU. Until a first failure was counted, nothing is waited.
 */
final class CountingTime {
    static final int REMEMBERED = 64;

    private final AtomicLongArray recent = new AtomicLongArray(REMEMBERED);
    private final AtomicInteger next = new AtomicInteger();

    /** Counts a failure with {@code counting}, remembering how long it took. */
    void measure(Runnable counting) {
        long start = System.nanoTime();
        counting.run();
        recent.set(Math.floorMod(next.getAndIncrement(), REMEMBERED), System.nanoTime() - start);
    }

    /** Waits as long as a counting took. */
    void imitate() {
        try {
            TimeUnit.NANOSECONDS.sleep(nextWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How long an imitation waits, in nanoseconds: one of the last countings, at random (0 before the first). */
    long nextWait() {
        return recent.get(ThreadLocalRandom.current().nextInt(REMEMBERED));
    }
}
