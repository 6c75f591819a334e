package org.vidshare.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The row of a partial upload on the shared storage, with its lease: only the holder writes the
 * partial until the lease expires, and no node sweeps a partial whose lease is live. The lease
 * rules are the server's partial lease facility; this is only the row. A row lives as long as its
 * partial (publish, a discard and the sweep delete both); a released lease expires at its release.
 */
@Entity
@Table(name = "VS_UPLOAD_PARTIAL")
public class UploadLease {
    /** The partial's file name in {@code partials/} (uploader, fingerprint and size: {@link UploadPartials}). */
    @Id
    @Column(name = "PARTIAL_NAME", length = 128)
    private String partialName;

    /** Which node and upload holds (or last held) the lease. */
    @Column(name = "LEASE_HOLDER", nullable = false, length = 128)
    private String leaseHolder;

    /** Epoch milliseconds at which the lease ends unless renewed. */
    @Column(name = "LEASE_EXPIRY", nullable = false)
    private long leaseExpiry;

    protected UploadLease() {
    }

    public UploadLease(String partialName, String leaseHolder, long leaseExpiry) {
        this.partialName = partialName;
        this.leaseHolder = leaseHolder;
        this.leaseExpiry = leaseExpiry;
    }

    public String getPartialName() {
        return partialName;
    }

    public String getLeaseHolder() {
        return leaseHolder;
    }

    public long getLeaseExpiry() {
        return leaseExpiry;
    }
}
