package org.vidshare.e2e;

/**
 * {@link LockoutScopeTest} with the failures counted in the database (login.guard=database, the
 * guard several nodes share): a name locked for one address only, on the database's rows.
 */
@ServerSettings({"login.max-failures=" + LockoutScopeTest.MAX_FAILURES, "login.max-failures-per-address=100",
        "login.guard=database"})
class DatabaseLockoutScopeTest extends LockoutScopeTest {
}
