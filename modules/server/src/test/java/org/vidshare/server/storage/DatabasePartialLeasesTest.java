package org.vidshare.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.PartialLeases;
import org.vidshare.domain.UploadPartials;
import org.vidshare.server.persistence.TestDatabase;
import org.vidshare.server.security.ManualClock;

/**
 * Partial upload leases in a real database, for two nodes on it (two lease facilities): one holder
 * at a time, a released or expired lease taken over, a renewed one kept, and a sweep that leaves a
 * partial with a live lease alone. Releases run at once here (the server runs them on a thread).
 */
abstract class DatabasePartialLeasesTest {
    private static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path partials;
    private final ManualClock clock = new ManualClock();
    private TestDatabase db;
    private DatabasePartialLeases nodeA;
    private DatabasePartialLeases nodeB;

    /** Called by the subclass before each test. */
    void use(TestDatabase database) {
        db = database;
        nodeA = new DatabasePartialLeases(db.database(), clock, LEASE, Runnable::run);
        nodeB = new DatabasePartialLeases(db.database(), clock, LEASE, Runnable::run);
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void oneHolderAtATimeUntilItReleases() throws Exception {
        Path partial = partials.resolve("7-abc-100.part");
        PartialLeases.Lease onA = nodeA.acquire(partial);
        CommandException refused = catchThrowableOfType(CommandException.class, () -> nodeB.acquire(partial));
        assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(refused.extra()).containsEntry("retry_after_s", 30L).doesNotContainKey("movie_id");
        // On A itself the holder is another connection here (mostly one that is closing): a second, not the term.
        CommandException onItsOwnNode = catchThrowableOfType(CommandException.class, () -> nodeA.acquire(partial));
        assertThat(onItsOwnNode).as("a second upload on A").isNotNull();
        assertThat(onItsOwnNode.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(onItsOwnNode.extra()).containsEntry("retry_after_s", 1L);
        onA.close();
        assertThat(onA.held()).isFalse();
        try (PartialLeases.Lease onB = nodeB.acquire(partial)) {
            assertThat(onB.held()).isTrue();
        }
        // Another partial is another lease.
        nodeB.acquire(partials.resolve("7-abc-200.part")).close();
    }

    @Test
    void aLeaseThatIsRenewedIsKeptOneThatIsNotIsTakenOverAndLost() throws Exception {
        Path partial = partials.resolve("8-def-100.part");
        PartialLeases.Lease onA = nodeA.acquire(partial);
        clock.advance(Duration.ofSeconds(20));
        nodeA.renewAll();
        clock.advance(Duration.ofSeconds(20));
        assertThat(onA.held()).as("40 s after taking it, renewed at 20 s").isTrue();
        assertThat(catchThrowableOfType(CommandException.class, () -> nodeB.acquire(partial))).isNotNull();

        // A stops renewing (killed, or cut off from the database): past the lease B takes over.
        clock.advance(Duration.ofSeconds(11));
        assertThat(onA.held()).as("A's own clock tells it to stop writing").isFalse();
        PartialLeases.Lease onB = nodeB.acquire(partial);
        assertThat(onA.confirm()).as("A cannot publish").isFalse();
        assertThat(onB.confirm()).isTrue();
        // A's late release does not end B's lease.
        onA.close();
        assertThat(catchThrowableOfType(CommandException.class, () -> nodeA.acquire(partial))).isNotNull();
        onB.forget();
        assertThat(nodeA.open()).isZero();
        assertThat(nodeB.open()).isZero();
        nodeA.acquire(partial).forget();
    }

    @Test
    void aSweepLeavesAPartialWithALiveLeaseAloneAndDeletesAnExpiredFreeOne() throws Exception {
        Duration ttl = Duration.ofHours(1);
        Path written = Files.write(partials.resolve("9-aaa-100.part"), new byte[100]);
        Path abandoned = Files.write(partials.resolve("9-bbb-100.part"), new byte[100]);
        // Both look old (the shared storage's clock may not be the nodes'); only one is being written.
        FileTime old = FileTime.from(clock.instant().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(written, old);
        Files.setLastModifiedTime(abandoned, old);
        PartialLeases.Lease onA = nodeA.acquire(written);

        assertThat(UploadPartials.sweepExpired(partials, ttl, clock.instant(), nodeB)).isEqualTo(1);
        assertThat(written).exists();
        assertThat(abandoned).doesNotExist();
        assertThat(UploadPartials.heldBytes(written, ttl, clock.instant(), nodeB)).as("check_movie on B").isEqualTo(100);
        assertThat(onA.confirm()).as("the sweep took no lease from A").isTrue();

        onA.close();
        assertThat(UploadPartials.sweepExpired(partials, ttl, clock.instant(), nodeB)).isEqualTo(1);
        assertThat(written).doesNotExist();
    }
}
