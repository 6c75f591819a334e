/**
 * The persistent entities, in one boot-layer module: EclipseLink must see every entity when the
 * persistence unit starts, so plugins use these and never add their own.
 */
module org.vidshare.domain {
    requires transitive jakarta.persistence;
    // Settings (the prices) and CommandException (a missing user is not_found) of the plugin SPI.
    requires transitive org.vidshare.core;
    // UniqueKeys reads the SQL state of a refused write.
    requires java.sql;

    exports org.vidshare.domain;
    // EclipseLink instantiates entities and sets their fields reflectively.
    opens org.vidshare.domain to org.eclipse.persistence.core;
}
