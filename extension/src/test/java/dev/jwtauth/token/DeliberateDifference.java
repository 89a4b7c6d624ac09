package dev.jwtauth.token;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;

import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;

/**
 * Where our reader accepts, on purpose, what jose4j refuses: claims as ServiceStack issuers write them (docs/http.md,
 * "Where tokens differ from ServiceStack's": numeric {@code sub}/{@code jti} are read; ServiceStack's audience rule).
 * {@link Jose4jOracle} excuses a refusal only if every one of jose4j's errors is one of these and the token has exactly
 * the property that explains it; the fuzz test counts and prints each, so they stay visible. Anything else jose4j
 * refuses is a disagreement.
 */
enum DeliberateDifference {
    /** ServiceStack writes a numeric user id as a JSON number; jose4j reads {@code sub} only as a string. */
    NUMERIC_SUBJECT {
        @Override
        boolean explains(ErrorCodeValidator.Error error, VerifiedToken ours) {
            return error.getErrorCode() == ErrorCodes.MALFORMED_CLAIM && error.getErrorMessage().contains("'sub'")
                    && ours.claim("sub") instanceof JsonNumber sub && sub.isIntegral();
        }
    },
    /** ServiceStack's {@code jti} is a counter, a JSON number; jose4j reads {@code jti} only as a string. */
    NUMERIC_TOKEN_ID {
        @Override
        boolean explains(ErrorCodeValidator.Error error, VerifiedToken ours) {
            return error.getErrorCode() == ErrorCodes.MALFORMED_CLAIM && error.getErrorMessage().contains("'jti'")
                    && ours.claim("jti") instanceof JsonNumber jti && jti.isIntegral();
        }
    },
    /**
     * ServiceStack's audience rule: a token that names no audience — {@code "aud":[]} included — passes unless
     * audiences are required; jose4j refuses an empty {@code aud} wherever audiences are expected.
     */
    EMPTY_AUDIENCE {
        @Override
        boolean explains(ErrorCodeValidator.Error error, VerifiedToken ours) {
            return error.getErrorCode() == ErrorCodes.AUDIENCE_INVALID
                    && ours.claim("aud") instanceof JsonArray audiences && audiences.isEmpty();
        }
    };

    abstract boolean explains(ErrorCodeValidator.Error error, VerifiedToken ours);

    /** The differences that explain every one of jose4j's errors, or null if one is left unexplained. */
    static String explaining(List<ErrorCodeValidator.Error> errors, VerifiedToken ours) {
        List<DeliberateDifference> explained = new ArrayList<>();
        for (ErrorCodeValidator.Error error : errors) {
            DeliberateDifference difference = null;
            for (DeliberateDifference candidate : values()) {
                if (candidate.explains(error, ours)) {
                    difference = candidate;
                }
            }
            if (difference == null) {
                return null;
            }
            explained.add(difference);
        }
        return explained.isEmpty() ? null : explained.toString();
    }
}
