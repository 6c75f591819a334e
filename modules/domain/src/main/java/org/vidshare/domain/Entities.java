package org.vidshare.domain;

import java.util.List;

/** Every entity of the persistence unit: the server registers exactly these at start. */
public final class Entities {
    public static final List<Class<?>> ALL = List.of(
            User.class, Movie.class, Notice.class, DownloadRecord.class, Purchase.class, LedgerEntry.class,
            FirstAdminClaim.class, TransferTicket.class, LoginFailure.class, UploadLease.class);

    private Entities() {
    }
}
