-- Watch streams (issue 20): every change of a watched resource, one row per changed object, numbered
-- by one revision that grows in commit order. A writing transaction takes the next revisions just
-- before it commits (UPDATE of the 'last' row, which it then holds until the commit), so a
-- later revision is never visible before an earlier one, on one replica or many. Watchers on every
-- replica read the rows after the revision they last saw.
CREATE TABLE watch_counter (
    name      VARCHAR(16) NOT NULL PRIMARY KEY,
    revision  BIGINT      NOT NULL
);
-- last: the last revision handed out; compacted: every event up to it is pruned (older than
-- podnet.watch.retention), so a watch from before it answers 410 Gone.
INSERT INTO watch_counter (name, revision) VALUES ('last', 0);
INSERT INTO watch_counter (name, revision) VALUES ('compacted', 0);

CREATE TABLE watch_event (
    revision      BIGINT           NOT NULL PRIMARY KEY,
    -- no foreign key: a cluster's DELETED event outlives the cluster
    cluster_id    BIGINT           NOT NULL,
    kind          VARCHAR(16)      NOT NULL,
    event_type    VARCHAR(8)       NOT NULL,
    -- the object as a GET answers it; in large_object when it is longer than a VARCHAR holds
    object        VARCHAR(1000000) NULL,
    large_object  TEXT             NULL,
    created_at    TIMESTAMP        NOT NULL
);
CREATE INDEX ix_watch_event_created ON watch_event (created_at);
