package org.vidshare.core.spi;

import java.util.Locale;
import java.util.Optional;

/** The type of an account: the {@code user_type} of the original notes. */
public enum Role {
    USER,
    ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String value) {
        if ("user".equals(value)) {
            return Optional.of(USER);
        }
        if ("admin".equals(value)) {
            return Optional.of(ADMIN);
        }
        return Optional.empty();
    }
}
