package org.vidshare.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.PasswordHasher;

/** The per-minute rule of the hashing pool, which an e2e test cannot wait out. */
class HashingPoolTest {
    private static final String MD5 = "0123456789abcdef0123456789abcdef";

    private final ManualClock clock = new ManualClock();
    private final HashingPool pool = new HashingPool(new Pbkdf2PasswordHasher(10), 1, 4, 2, 3, clock);

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void anAddressGetsItsHashedRequestsPerMinuteSuccessesIncluded() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(pool.forRequest("198.51.100.1").hash(MD5)).startsWith("pbkdf2-sha256$10$");
        }
        CommandException refused = catchThrowableOfType(CommandException.class,
                () -> pool.forRequest("198.51.100.1").hash(MD5));
        assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        // Another address is not affected.
        pool.forRequest("198.51.100.2").hash(MD5);
        // A minute after the first, one place is free again.
        clock.advance(Duration.ofSeconds(61));
        pool.forRequest("198.51.100.1").hash(MD5);
    }

    @Test
    void aRequestCountsOnceHoweverManyHashesItNeeds() throws Exception {
        PasswordHasher changePassword = pool.forRequest("198.51.100.3");
        String stored = changePassword.hash(MD5);
        for (int i = 0; i < 5; i++) {
            assertThat(changePassword.matches(MD5, stored)).isTrue();
        }
        pool.forRequest("198.51.100.3").hash(MD5);
        pool.forRequest("198.51.100.3").hash(MD5);
        assertThat(catchThrowableOfType(CommandException.class, () -> pool.forRequest("198.51.100.3").hash(MD5)))
                .isNotNull();
    }

    @Test
    void addressesWithNothingLeftInTheirWindowAreForgotten() throws Exception {
        for (int i = 0; i < 50; i++) {
            pool.forRequest("203.0.113." + i).hash(MD5);
        }
        assertThat(pool.remembered()).isEqualTo(50);
        clock.advance(Duration.ofMinutes(2));
        pool.forRequest("192.0.2.1").hash(MD5);
        assertThat(pool.remembered()).isEqualTo(1);
    }

    @Test
    void aStoredHashWithFewerIterationsIsOutdated() {
        Pbkdf2PasswordHasher old = new Pbkdf2PasswordHasher(5);
        Pbkdf2PasswordHasher current = new Pbkdf2PasswordHasher(10);
        assertThat(current.isOutdated(old.hash(MD5))).isTrue();
        assertThat(current.isOutdated(current.hash(MD5))).isFalse();
        assertThat(old.isOutdated(current.hash(MD5))).isFalse();
        assertThat(current.isOutdated("md5$whatever")).isTrue();
    }
}
