-- A node's pod counters move out of the node row into a narrow row of their own. Every pod create
-- and delete updates them, and an update costs in proportion to the indexes of its table: H2
-- removes and re-adds the row in every index of the table, PostgreSQL writes a new entry in each
-- (no HOT update, pod_count being indexed). The node row has five indexes, this row two.
--
-- node_pods.version is the node's version (its ETag): the node row itself is never changed after it
-- is created, and the node changes whenever its pods do. cluster_id and node_name are copies of the
-- node's, written with it and never changed, so that placement (fewest pods, ties by name) is read
-- from this row's own index.
CREATE TABLE node_pods (
    node_id             BIGINT       NOT NULL PRIMARY KEY REFERENCES node (id),
    cluster_id          BIGINT       NOT NULL,
    node_name           VARCHAR(63)  NOT NULL,
    pod_count           INTEGER      NOT NULL,
    -- next-fit cursor: the last pod IP handed out automatically (NULL: none yet)
    pod_address_cursor  NUMERIC(39)  NULL,
    version             BIGINT       NOT NULL
);

INSERT INTO node_pods (node_id, cluster_id, node_name, pod_count, pod_address_cursor, version)
    SELECT id, cluster_id, name, pod_count, pod_address_cursor, version FROM node;

-- placement picks the node with the most free pod slots, i.e. the fewest pods
CREATE INDEX ix_node_pods_placement ON node_pods (cluster_id, pod_count, node_name);

DROP INDEX ix_node_placement;
ALTER TABLE node DROP COLUMN pod_count;
ALTER TABLE node DROP COLUMN pod_address_cursor;
ALTER TABLE node DROP COLUMN version;
