package dev.jwtauth.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import dev.jwtauth.internal.LoggedMessages;

/** The per-key failure rate, on a clock the test moves. */
class FailureRateTest {
    private long now = 1_000_000_000L;
    private final FailureRate rate = new FailureRate("test keys", 3, Duration.ofMinutes(1), 5, () -> now);

    @Test
    void theLimitComesAtOnceAndBackOneByOne() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), rate.take("a"), "failure " + (i + 1) + " of 3 within the limit");
        }
        assertEquals(Optional.of(Duration.ofSeconds(20)), rate.take("a"), "the fourth waits until one came back");
        assertEquals(Optional.empty(), rate.take("b"), "other keys have their own");
        advance(Duration.ofSeconds(19));
        assertEquals(Optional.of(Duration.ofSeconds(1)), rate.take("a"), "a refusal counts nothing");
        advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), rate.take("a"), "one came back after a third of the window");
        assertEquals(Optional.of(Duration.ofSeconds(20)), rate.take("a"));
    }

    @Test
    void anAttemptThatSucceededIsGivenBackAndItsKeyDropped() {
        rate.take("a");
        rate.take("a");
        rate.giveBack("a");
        rate.take("a");
        assertEquals(Optional.empty(), rate.take("a"), "two failures counted, so a third is allowed");
        rate.giveBack("a");
        rate.giveBack("a");
        rate.giveBack("a");
        assertEquals(0, rate.size(), "a key with its whole allowance is forgotten");
        rate.giveBack("never-seen");
        assertEquals(0, rate.size());
    }

    @Test
    void keysAreForgottenAWindowAfterTheirLastFailure() {
        rate.take("a");
        rate.take("b");
        advance(Duration.ofSeconds(61));
        rate.take("c");
        assertEquals(1, rate.size(), "the first attempt after a window sweeps the keys whose allowance is whole");
    }

    @Test
    void beyondItsCapacityNewKeysAreNotCountedButKnownOnesAre() {
        for (int i = 0; i < 5; i++) {
            rate.take("key" + i);
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.empty(), rate.take("new"), "full: a new key passes uncounted");
        }
        assertEquals(5, rate.size(), "memory stays bounded");
        rate.take("key0");
        rate.take("key0");
        assertEquals(Optional.of(Duration.ofSeconds(20)), rate.take("key0"), "known keys are still limited");
    }

    @Test
    void aThrottledKeyIsWarnedAboutOnceUntilItIsLetThroughAgain() {
        List<String> warnings = warnings(() -> {
            for (int i = 0; i < 3; i++) {
                rate.take("192.0.2.1");
            }
            rate.take("192.0.2.1");
            rate.take("192.0.2.1");
            advance(Duration.ofSeconds(20));
            rate.take("192.0.2.1");
            rate.take("192.0.2.1");
        });
        assertEquals(List.of("JWTAUTH0111W: sign-ins of test keys 192.0.2.1 are throttled: 3 failed in the last PT1M; "
                + "refused (429) for 20 s, then one attempt every 20 s"), warnings.subList(0, 1));
        assertEquals(2, warnings.size(), "once when throttled, once more after it was let through and refused again: " + warnings);
    }

    private static List<String> warnings(Runnable action) {
        return LoggedMessages.during(FailureRate.class, Level.WARNING, action);
    }

    private void advance(Duration duration) {
        now += duration.toNanos();
    }
}
