package dev.jwtauth.internal.config;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the time values of the configuration in the forms ServiceStack users already write. */
final class TimeValues {
    /** .NET TimeSpan as ServiceStack's settings accept it: {@code [d.]hh:mm[:ss[.fraction]]}. */
    private static final Pattern TIME_SPAN =
            Pattern.compile("(?:(\\d+)\\.)?(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,7}))?)?");

    private TimeValues() {
    }

    /** An ISO-8601 duration ({@code PT15M}, {@code P14D}) or a .NET TimeSpan ({@code 14.00:00:00}, {@code 00:15:00}). */
    static Duration duration(String property, String value) {
        String text = value.strip();
        Matcher span = TIME_SPAN.matcher(text);
        if (span.matches()) {
            if (span.group(1) != null && span.group(1).length() > 6) {
                throw new InvalidConfigurationException(property, "'" + text + "' is more days than a token can live");
            }
            long hours = Long.parseLong(span.group(2));
            long minutes = Long.parseLong(span.group(3));
            long seconds = span.group(4) == null ? 0 : Long.parseLong(span.group(4));
            if (hours > 23 || minutes > 59 || seconds > 59) {
                throw new InvalidConfigurationException(property, "'" + text + "' is not a valid time span (hh:mm:ss)");
            }
            Duration duration = Duration.ofDays(span.group(1) == null ? 0 : Long.parseLong(span.group(1)))
                    .plusHours(hours).plusMinutes(minutes).plusSeconds(seconds);
            if (span.group(5) != null) {
                duration = duration.plusNanos(Long.parseLong((span.group(5) + "000000000").substring(0, 9)));
            }
            return duration;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidConfigurationException(property,
                    "'" + text + "' is neither an ISO-8601 duration (PT15M, P14D) nor a time span (14.00:00:00)", e);
        }
    }

    /**
     * An instant: ISO-8601 with offset ({@code 2026-01-01T00:00:00Z}), or a date / date-time without offset, taken
     * as UTC ({@code 2026-01-01}, {@code 2026-01-01T12:00:00}, {@code 2026-01-01 12:00:00}).
     */
    static Instant instant(String property, String value) {
        String text = value.strip().replace(' ', 'T');
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return java.time.OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidConfigurationException(property,
                    "'" + value.strip() + "' is not a date (2026-01-01) or date-time (2026-01-01T12:00:00Z)", e);
        }
    }
}
