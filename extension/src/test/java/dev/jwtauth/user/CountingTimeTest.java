package dev.jwtauth.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A failure that counts nothing waits as long as counting one took. */
class CountingTimeTest {
    private final CountingTime time = new CountingTime();

    @Test
    void nothingIsWaitedBeforeAFailureWasCounted() {
        assertEquals(0, time.nextWait());
    }

    @Test
    void anImitationWaitsAsLongAsOneOfTheLastCountings() {
        for (int i = 0; i < CountingTime.REMEMBERED; i++) {
            time.measure(() -> pause(Duration.ofMillis(3)));
        }
        for (int i = 0; i < 5; i++) {
            assertTrue(time.nextWait() >= Duration.ofMillis(3).toNanos());
            Duration waited = took(time::imitate);
            assertTrue(waited.compareTo(Duration.ofMillis(3)) >= 0, "waited " + waited);
        }
    }

    private static Duration took(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
