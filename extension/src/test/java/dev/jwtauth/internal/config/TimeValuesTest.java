package dev.jwtauth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The time forms ServiceStack users already write in their settings: .NET TimeSpans and ISO-8601 durations, and
 * dates with or without a time and offset. Anything else must name the property, never fall back to a default.
 */
class TimeValuesTest {
    private static final String PROPERTY = "jwt.Test";

    private static void assertDuration(Duration expected, String value) {
        assertEquals(expected, TimeValues.duration(PROPERTY, value), "duration of '" + value + "'");
    }

    private static void assertInstant(String expectedIso, String value) {
        assertEquals(Instant.parse(expectedIso), TimeValues.instant(PROPERTY, value), "instant of '" + value + "'");
    }

    /** The value must be refused with an InvalidConfigurationException naming the property, nothing else. */
    private static void assertInvalid(String what, Runnable parse) {
        try {
            parse.run();
        } catch (InvalidConfigurationException e) {
            assertEquals(PROPERTY, e.property(), what + ": the exception names the property");
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": expected an InvalidConfigurationException naming " + PROPERTY + ", but "
                    + e + " escaped", e);
        }
        fail(what + ": was accepted but must be refused");
    }

    @Test
    void dotNetTimeSpans() {
        assertDuration(Duration.ofMinutes(15), "00:15:00");
        assertDuration(Duration.ofDays(14), "14.00:00:00");
        assertDuration(Duration.ofHours(1), "01:00");
        assertDuration(Duration.ofHours(23).plusMinutes(59).plusSeconds(59), "23:59:59");
        assertDuration(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4).plusMillis(500), "1.02:03:04.5");
        assertDuration(Duration.ofSeconds(1).plusNanos(1_234_567_00L), "00:00:01.1234567");
        assertDuration(Duration.ofMinutes(15), "  00:15:00 ");
    }

    @Test
    void isoDurations() {
        assertDuration(Duration.ofHours(1), "PT1H");
        assertDuration(Duration.ofMinutes(15), "PT15M");
        assertDuration(Duration.ofDays(14), "P14D");
        assertDuration(Duration.ofSeconds(90), "PT1M30S");
    }

    @Test
    void invalidDurations() {
        for (String value : List.of("25:00:00", "00:60:00", "00:00:60", "abc", "", "15", "15m", "1:2:3:4",
                "00:15:00.12345678", "P", "PT", "1.5.00:00:00", "-00:15:00")) {
            assertInvalid("duration '" + value + "'", () -> TimeValues.duration(PROPERTY, value));
        }
    }

    // Digits beyond long range, or a day count whose seconds overflow, must still name the property.

    @Test
    void dayCountBeyondLongRangeIsAConfigurationError() {
        assertInvalid("a day count beyond long range",
                () -> TimeValues.duration(PROPERTY, "99999999999999999999.00:00:00"));
    }

    @Test
    void dayCountWhoseSecondsOverflowIsAConfigurationError() {
        assertInvalid("a day count whose seconds overflow a long",
                () -> TimeValues.duration(PROPERTY, "999999999999999.00:00:00"));
    }

    @Test
    void isoDurationBeyondLongRangeIsAConfigurationError() {
        assertInvalid("an ISO duration beyond long range", () -> TimeValues.duration(PROPERTY, "PT99999999999999999999H"));
    }

    @Test
    void instants() {
        assertInstant("2026-01-01T00:00:00Z", "2026-01-01");
        assertInstant("2026-01-01T12:00:00Z", "2026-01-01T12:00:00Z");
        assertInstant("2026-01-01T12:00:00Z", "2026-01-01 12:00:00");
        assertInstant("2026-01-01T12:00:00Z", "2026-01-01T12:00:00");
        assertInstant("2026-01-01T10:00:00Z", "2026-01-01T12:00:00+02:00");
        assertInstant("2026-01-01T14:30:00Z", "2026-01-01T12:00:00-02:30");
        assertInstant("2026-01-01T12:00:00.123Z", "2026-01-01T12:00:00.1230000Z");
        assertInstant("2026-01-01T00:00:00Z", " 2026-01-01 ");
    }

    @Test
    void invalidInstants() {
        for (String value : List.of("abc", "", "2026-13-01", "2026-02-30", "01/01/2026", "2026-01-01T25:00:00Z",
                "2026-1-1", "tomorrow", "1767225600")) {
            assertInvalid("instant '" + value + "'", () -> TimeValues.instant(PROPERTY, value));
        }
    }

    @Test
    void messagesSayWhatFormsAreAccepted() {
        try {
            TimeValues.duration(PROPERTY, "abc");
            fail("abc must be refused");
        } catch (InvalidConfigurationException e) {
            assertTrue(e.getMessage().contains("PT15M") && e.getMessage().contains("14.00:00:00"),
                    "the message shows the accepted forms: " + e.getMessage());
        }
    }
}
