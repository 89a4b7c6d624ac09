package dev.jwtauth.internal.rest;

import dev.jwtauth.user.SignInException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.jwtauth.internal.config.SignInLimits;

/** The throttle's keys and how its two rates combine; the HTTP side is in the sample's SignInProtectionIT. */
class SignInThrottleTest {
    private long now;

    private SignInThrottle throttle(int perAddress, int perUserName) {
        SignInThrottle throttle = new SignInThrottle();
        throttle.prepare(new SignInLimits(0, Duration.ofMinutes(1), perAddress, perUserName), () -> now);
        return throttle;
    }

    @Test
    void anAddressOverItsLimitIsRefusedForAnyUserName() throws SignInException {
        SignInThrottle throttle = throttle(2, 0);
        throttle.admit("10.0.0.1", "alice");
        throttle.admit("10.0.0.1", "bob");
        SignInException refused = assertThrows(SignInException.class, () -> throttle.admit("10.0.0.1", "carol"));
        assertEquals(SignInException.Reason.TOO_MANY_ATTEMPTS, refused.reason());
        assertEquals(Duration.ofSeconds(30), refused.retryAfter().orElseThrow());
        assertDoesNotThrow(() -> throttle.admit("10.0.0.2", "carol"));
    }

    @Test
    void aUserNameOverItsLimitIsRefusedFromAnyAddressRegardlessOfCase() throws SignInException {
        SignInThrottle throttle = throttle(2, 2);
        throttle.admit("10.0.0.1", "Alice");
        throttle.admit("10.0.0.2", " alice ");
        assertThrows(SignInException.class, () -> throttle.admit("10.0.0.3", "ALICE"));
        // the refusal by name did not use up 10.0.0.3's allowance
        throttle.admit("10.0.0.3", "bob");
        throttle.admit("10.0.0.3", "carol");
    }

    @Test
    void aSuccessfulSignInCountsAgainstNeither() throws SignInException {
        SignInThrottle throttle = throttle(1, 1);
        for (int i = 0; i < 5; i++) {
            throttle.admit("10.0.0.1", "alice").succeeded();
        }
        throttle.admit("10.0.0.1", "alice");
        assertThrows(SignInException.class, () -> throttle.admit("10.0.0.1", "alice"));
    }

    @Test
    void ipv6AddressesCountByTheirSixtyFourBitPrefix() {
        assertEquals(SignInThrottle.addressKey("2001:db8:0:1::1"), SignInThrottle.addressKey("2001:db8:0:1:ffff::2"));
        assertEquals("20010db800000001/64", SignInThrottle.addressKey("2001:db8:0:1::1"));
        assertEquals("192.0.2.7", SignInThrottle.addressKey("::ffff:192.0.2.7"), "an IPv4-mapped address is its IPv4 address");
        assertEquals("192.0.2.7", SignInThrottle.addressKey("192.0.2.7"));
        assertEquals("fe80000000000000/64", SignInThrottle.addressKey("fe80::1%1"), "with a zone id");
        assertEquals("not:an address", SignInThrottle.addressKey("not:an address"), "kept as it is, never looked up");
        assertEquals("1:2:3", SignInThrottle.addressKey("1:2:3"), "not an address either");
    }

    @Test
    void longUserNamesAreCutToTheLongestAStoreHolds() {
        assertEquals(256, SignInThrottle.nameKey("A".repeat(20_000)).length());
    }
}
