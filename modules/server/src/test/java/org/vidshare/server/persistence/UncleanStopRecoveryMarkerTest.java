package org.vidshare.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which databases get the "a run has it open" marker: embedded H2 files only (the e2e UncleanStopRecoveryTest runs it). */
class UncleanStopRecoveryMarkerTest {
    @Test
    void anEmbeddedFileHasItsMarkerBesideIt() {
        assertThat(UncleanStopRecovery.markerOf(new JdbcTarget("jdbc:h2:file:/srv/vidshare/db/vidshare", "sa", "")))
                .isEqualTo(Path.of("/srv/vidshare/db/vidshare.open"));
        assertThat(UncleanStopRecovery.markerOf(new JdbcTarget("jdbc:h2:file:./data/db/vidshare;MODE=PostgreSQL", "sa", "")))
                .isEqualTo(Path.of("./data/db/vidshare.open"));
    }

    @Test
    void sharedServedAndOtherDatabasesHaveNone() {
        // AUTO_SERVER: a compaction would go through the other node and shut its database down.
        assertThat(UncleanStopRecovery.markerOf(new JdbcTarget("jdbc:h2:file:/srv/db/vidshare;AUTO_SERVER=TRUE", "sa", ""))).isNull();
        assertThat(UncleanStopRecovery.markerOf(new JdbcTarget("jdbc:h2:tcp://localhost/vidshare", "sa", ""))).isNull();
        assertThat(UncleanStopRecovery.markerOf(new JdbcTarget("jdbc:h2:mem:test", "sa", ""))).isNull();
        assertThat(UncleanStopRecovery.markerOf(new JdbcTarget("jdbc:postgresql://127.0.0.1/vidshare", "vs", "pw"))).isNull();
    }
}
