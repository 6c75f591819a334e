-- The partial uploads on the shared storage with their leases: one writer per partial across all
-- nodes, and no sweep of a partial whose lease is live (docs/deployment.md, partial uploads).
CREATE TABLE VS_UPLOAD_PARTIAL (
    PARTIAL_NAME VARCHAR(128) NOT NULL,
    LEASE_HOLDER VARCHAR(128) NOT NULL,
    LEASE_EXPIRY BIGINT NOT NULL,
    PRIMARY KEY (PARTIAL_NAME)
);
