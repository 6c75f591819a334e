package org.vidshare.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * The failed logins of one name from one address (docs/protocol.md, Lockout scope), in the database
 * so that every node on it counts them together: a lock set on one node holds on all. The counting
 * rules are the server's database login guard; this is only the row. Password checks in flight are
 * counted too ({@code IN_FLIGHT}), with the moment of the latest, so that a node that dies mid-check
 * leaves no reservation for longer than a bound.
 */
@Entity
@IdClass(LoginFailure.Key.class)
@Table(name = "VS_LOGIN_FAILURE", indexes = @Index(name = "IX_LOGIN_FAILURE_NAME", columnList = "LOGIN_NAME"))
public class LoginFailure {
    @Id
    @Column(name = "LOGIN_NAME", length = 128)
    private String loginName;

    /** The address as the per-address limits count it (an IPv6 address by its /64). */
    @Id
    @Column(name = "ADDRESS", length = 64)
    private String address;

    /** Failures since {@link #windowStart}. */
    @Column(name = "FAILURES", nullable = false)
    private long failures;

    /** Epoch milliseconds of the first failure that {@link #failures} counts. */
    @Column(name = "WINDOW_START", nullable = false)
    private long windowStart;

    /** Epoch milliseconds of the latest failure. */
    @Column(name = "LAST_FAILURE", nullable = false)
    private long lastFailure;

    /**
     * Failures counted for the per-address limit: not reset by a success (the address's count is not
     * the name's), restarted by a failure that comes after a quiet address window.
     */
    @Column(name = "ADDRESS_FAILURES", nullable = false)
    private long addressFailures;

    /** Epoch milliseconds until which the name is locked for this address; 0 when it is not. */
    @Column(name = "LOCKED_UNTIL", nullable = false)
    private long lockedUntil;

    /** Password checks of the name from this address running now, on any node. */
    @Column(name = "IN_FLIGHT", nullable = false)
    private long inFlight;

    /** Epoch milliseconds at which the latest of those checks began. */
    @Column(name = "IN_FLIGHT_SINCE", nullable = false)
    private long inFlightSince;

    protected LoginFailure() {
    }

    public LoginFailure(String loginName, String address) {
        this.loginName = loginName;
        this.address = address;
    }

    public String getLoginName() {
        return loginName;
    }

    public String getAddress() {
        return address;
    }

    public long getFailures() {
        return failures;
    }

    public long getWindowStart() {
        return windowStart;
    }

    public long getLastFailure() {
        return lastFailure;
    }

    public long getAddressFailures() {
        return addressFailures;
    }

    public long getLockedUntil() {
        return lockedUntil;
    }

    public long getInFlight() {
        return inFlight;
    }

    public long getInFlightSince() {
        return inFlightSince;
    }

    public void setFailures(long failures, long windowStart, long lastFailure) {
        this.failures = failures;
        this.windowStart = windowStart;
        this.lastFailure = lastFailure;
    }

    public void setAddressFailures(long addressFailures) {
        this.addressFailures = addressFailures;
    }

    public void setLockedUntil(long lockedUntil) {
        this.lockedUntil = lockedUntil;
    }

    public void setInFlight(long inFlight, long inFlightSince) {
        this.inFlight = inFlight;
        this.inFlightSince = inFlightSince;
    }

    /** The primary key: a name as tried from one address. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String loginName;
        private String address;

        public Key() {
        }

        public Key(String loginName, String address) {
            this.loginName = loginName;
            this.address = address;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(loginName, key.loginName)
                    && Objects.equals(address, key.address);
        }

        @Override
        public int hashCode() {
            return Objects.hash(loginName, address);
        }
    }
}
