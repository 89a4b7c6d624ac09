package dev.jwtauth.sample.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.spi.RefreshTokenValidator;
import dev.jwtauth.User;

/**
 * An application's {@link RefreshTokenValidator} that asks another service, and so takes {@link #DELAY_MILLIS} to
 * say yes. Deployed only with {@link RefreshRaceIT}: with it the redemptions of one burst overlap inside the store as
 * they do over a real network, instead of each finishing before the next one starts, which on a loopback they often
 * do — a race the tests should always see, not now and then.
 */
@ApplicationScoped
public class RemoteRefreshCheck implements RefreshTokenValidator {
    static final long DELAY_MILLIS = 20;

    @Override
    public boolean isValid(User user, HttpServletRequest request) {
        try {
            Thread.sleep(DELAY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
