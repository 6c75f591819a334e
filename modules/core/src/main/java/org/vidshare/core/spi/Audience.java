package org.vidshare.core.spi;

import java.util.Locale;

/**
 * Who may run a command. The wire knows three roles (public, user, admin); CUSTOMER is "user"
 * on the wire but excludes admin accounts (wallet, VIP: docs/protocol.md, Sessions and roles).
 */
public enum Audience {
    PUBLIC("public"),
    ANY_ACCOUNT("user"),
    CUSTOMER("user"),
    ADMIN("admin");

    private final String wireRole;

    Audience(String wireRole) {
        this.wireRole = wireRole;
    }

    public String wireRole() {
        return wireRole;
    }

    public boolean needsLogin() {
        return this != PUBLIC;
    }

    /** Whether a caller with this role (null = not logged in) may run the command. */
    public boolean admits(Role role) {
        return switch (this) {
            case PUBLIC -> true;
            case ANY_ACCOUNT -> role != null;
            case CUSTOMER -> role == Role.USER;
            case ADMIN -> role == Role.ADMIN;
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
