package org.vidshare.e2e;

/**
 * {@link LoginRaceTest} with the failures counted in the database (login.guard=database, as on
 * several nodes): the row lock of each change must hold parallel guesses to the same limit.
 */
class DatabaseLoginRaceTest extends LoginRaceTest {
    @Override
    String guard() {
        return "database";
    }
}
