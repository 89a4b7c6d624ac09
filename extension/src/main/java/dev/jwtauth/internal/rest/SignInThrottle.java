package dev.jwtauth.internal.rest;

import dev.jwtauth.User;
import dev.jwtauth.user.SignInException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.SignInLimits;

/**
 * Refuses a password sign-in before anything is looked up or hashed when its client address, or the user name it
 * names, failed too often in the last minute ({@code jwt.LoginFailuresPerMinutePerAddress},
 * {@code jwt.LoginFailuresPerMinutePerUserName}): a flood of guesses costs the server a map look-up each, not a
 * password hash. The user name counts whether or not such a user exists, so a refusal tells nothing about it.
 * <p>
 * In memory, per server (per application): N servers behind a load balancer allow up to N times the rate. The
 * lock-out in the user store ({@code jwt.MaxLoginAttempts}) is the limit shared by every server.
 */
@ApplicationScoped
class SignInThrottle {
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Keys remembered per rate at most: ~20 MB with long names; see {@link FailureRate} for why it is never reached. */
    static final int CAPACITY = 100_000;
    /** Longer names cannot be in the store (its columns are shorter); cut, so that a key costs little memory. */
    private static final int NAME_KEY_LENGTH = 256;
    /** Hex digits, colons, dots (an IPv4 tail) and a zone id: what {@code getRemoteAddr()} gives for IPv6. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(%.*)?");

    @Inject
    JwtEngine engine;

    private Optional<FailureRate> byAddress;
    private Optional<FailureRate> byUserName;

    @PostConstruct
    void prepare() {
        prepare(engine.settings().signIn(), System::nanoTime);
    }

    void prepare(SignInLimits limits, LongSupplier nanoTime) {
        byAddress = rate("client address", limits.failuresPerMinutePerAddress(), nanoTime);
        byUserName = rate("user name", limits.failuresPerMinutePerUserName(), nanoTime);
    }

    private static Optional<FailureRate> rate(String what, int perMinute, LongSupplier nanoTime) {
        return perMinute == 0 ? Optional.empty() : Optional.of(new FailureRate(what, perMinute, WINDOW, CAPACITY, nanoTime));
    }

    /**
     * A sign-in attempt from {@code clientAddress} ({@code request.getRemoteAddr()}) as {@code userName}, counted as
     * failed unless it {@link Attempt#succeeded}; {@link SignInException.Reason#TOO_MANY_ATTEMPTS} if either has
     * no failure left this minute (then nothing is counted).
     */
    public Attempt admit(String clientAddress, String userName) throws SignInException {
        Attempt attempt = new Attempt(addressKey(clientAddress), nameKey(userName));
        Optional<Duration> wait = take(byAddress, attempt.address);
        if (wait.isEmpty()) {
            wait = take(byUserName, attempt.userName);
            if (wait.isPresent()) {
                giveBack(byAddress, attempt.address);
            }
        }
        if (wait.isPresent()) {
            throw SignInException.throttled(wait.get());
        }
        return attempt;
    }

    /** One admitted sign-in attempt. */
    public final class Attempt {
        private final String address;
        private final String userName;

        private Attempt(String address, String userName) {
            this.address = address;
            this.userName = userName;
        }

        /** The password was right: the attempt does not count against the address or the user name. */
        public void succeeded() {
            giveBack(byAddress, address);
            giveBack(byUserName, userName);
        }
    }

    private static Optional<Duration> take(Optional<FailureRate> rate, String key) {
        return rate.flatMap(r -> r.take(key));
    }

    private static void giveBack(Optional<FailureRate> rate, String key) {
        rate.ifPresent(r -> r.giveBack(key));
    }

    /** The name as the store looks it up (regardless of case), at most as long as a stored one. */
    static String nameKey(String userName) {
        String key = User.nameKey(userName);
        return key.length() > NAME_KEY_LENGTH ? key.substring(0, NAME_KEY_LENGTH) : key;
    }

    /**
     * An IPv4 address as it is; an IPv6 address by its /64 prefix, the block one subscriber gets: counted one by one,
     * its 2^64 addresses would each have their own allowance.
     */
    static String addressKey(String clientAddress) {
        if (clientAddress == null || !IPV6_LITERAL.matcher(clientAddress).matches()) {
            return String.valueOf(clientAddress);
        }
        try {
            // InetAddress parses text of this form as a literal, never looking it up by name
            byte[] address = InetAddress.getByName(clientAddress).getAddress();
            return address.length == 4 ? InetAddress.getByAddress(address).getHostAddress()
                    : HexFormat.of().formatHex(address, 0, 8) + "/64";
        } catch (UnknownHostException e) {
            return clientAddress;
        }
    }
}
