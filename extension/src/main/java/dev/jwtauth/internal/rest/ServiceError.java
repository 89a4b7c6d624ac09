package dev.jwtauth.internal.rest;

import dev.jwtauth.internal.security.Refusal;
import dev.jwtauth.internal.security.RefusalAnswer;

/**
 * A token service's refusal, thrown to leave the service; {@link TokenServiceServlet} writes its answer.
 * Never logged, no stack trace.
 */
public final class ServiceError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RefusalAnswer answer;

    ServiceError(RefusalAnswer answer) {
        super(answer.toString(), null, false, false);
        this.answer = answer;
    }

    /** {@code refusal}'s answer; {@code details} fill its message (see {@link Refusal#answer}). */
    static ServiceError of(Refusal refusal, Object... details) {
        return new ServiceError(refusal.answer(details));
    }

    /** {@code refusal}'s answer about request field {@code field} (see {@link Refusal#about}). */
    static ServiceError about(Refusal refusal, String field, Object... details) {
        return new ServiceError(refusal.about(field, details));
    }

    RefusalAnswer answer() {
        return answer;
    }
}
