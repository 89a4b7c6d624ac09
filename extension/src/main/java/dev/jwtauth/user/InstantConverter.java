package dev.jwtauth.user;

import java.sql.Timestamp;
import java.time.Instant;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores {@link Instant}s as SQL {@code TIMESTAMP}s. EclipseLink 4.0 (Liberty's) does not map {@code Instant} and
 * falls back to a serialized BLOB, which databases cannot compare — and expiry checks are comparisons.
 */
@Converter(autoApply = true)
class InstantConverter implements AttributeConverter<Instant, Timestamp> {

    @Override
    public Timestamp convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    @Override
    public Instant convertToEntityAttribute(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
