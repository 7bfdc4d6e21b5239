-- Bumped in the same transaction as every change to a cluster's gateway routes or node set
-- (under the cluster row's lock), so every replica can tell whether its cached routing snapshot
-- of the cluster is still current with one column read.
ALTER TABLE cluster ADD COLUMN routes_version BIGINT DEFAULT 0 NOT NULL;
