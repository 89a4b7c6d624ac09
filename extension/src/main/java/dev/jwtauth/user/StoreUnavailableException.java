package dev.jwtauth.user;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;

/**
 * The store (its database) failed or could not be reached, so nothing was decided: the client may try again. What
 * the database said goes to the log, never to the client, because it names tables, columns and SQL.
 */
public class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(StoreUnavailableException.class.getName());

    private StoreUnavailableException() {
        super("The user store is unavailable", null, false, false);
    }

    /** Whether {@code e} is a failure of the database rather than a decision of ours. */
    static boolean isStoreFailure(RuntimeException e) {
        return e instanceof PersistenceException || e instanceof TransactionalException;
    }

    /** Logs {@code cause} (with its stack trace) and returns the exception that stands for it on the wire. */
    static StoreUnavailableException of(RuntimeException cause) {
        LOG.log(Level.SEVERE, "JWTAUTH0103E: the user store failed; the request was answered 503", cause);
        return new StoreUnavailableException();
    }
}
