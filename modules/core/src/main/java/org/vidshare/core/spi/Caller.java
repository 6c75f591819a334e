package org.vidshare.core.spi;

/** The account behind the connection's session, as the server knows it: never taken from a request. */
public record Caller(long userId, String name, Role role) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
