-- Labels and annotations of clusters, nodes and pods (issue 19), as Kubernetes has them: a JSON
-- object of string to string, keys sorted, '{}' when there are none. Written with their resource
-- and by merge patches; the node and pod rows are otherwise never updated.
ALTER TABLE cluster ADD COLUMN labels VARCHAR(1000000) DEFAULT '{}' NOT NULL;
ALTER TABLE cluster ADD COLUMN annotations VARCHAR(1000000) DEFAULT '{}' NOT NULL;
ALTER TABLE node ADD COLUMN labels VARCHAR(1000000) DEFAULT '{}' NOT NULL;
ALTER TABLE node ADD COLUMN annotations VARCHAR(1000000) DEFAULT '{}' NOT NULL;
ALTER TABLE pod ADD COLUMN labels VARCHAR(1000000) DEFAULT '{}' NOT NULL;
ALTER TABLE pod ADD COLUMN annotations VARCHAR(1000000) DEFAULT '{}' NOT NULL;

-- The pods' labels once more, one row per label, for label selectors: a list of 150,000 pods where
-- one in a hundred has app=web reads that label's rows in (namespace, name) order from the index
-- below, a page at a time, instead of reading every pod to find the hundredth. Namespace and name
-- are copies of the pod's (they never change), so that the index alone gives the page's order.
-- Nodes (at most a few thousand per cluster) and clusters are filtered as they are read.
CREATE TABLE pod_label (
    pod_id       BIGINT        NOT NULL REFERENCES pod (id) ON DELETE CASCADE,
    cluster_id   BIGINT        NOT NULL,
    namespace    VARCHAR(63)   NOT NULL,
    name         VARCHAR(63)   NOT NULL,
    label_key    VARCHAR(317)  NOT NULL,
    label_value  VARCHAR(63)   NOT NULL,
    PRIMARY KEY (pod_id, label_key)
);

CREATE INDEX ix_pod_label_selector ON pod_label (cluster_id, label_key, label_value, namespace, name);

-- Each node's pod limit, a copy of its cluster's maxPodsPerNode, moves to the node's pod counters,
-- which every pod create locks and reads (V7): maxPodsPerNode can now be changed by a merge patch,
-- and a create that read the cluster before the change must still see the new limit once it holds
-- its node's lock. A change of the limit rewrites it here, under the same locks.
ALTER TABLE node_pods ADD COLUMN max_pods INTEGER;
UPDATE node_pods SET max_pods = (SELECT c.max_pods_per_node FROM cluster c WHERE c.id = node_pods.cluster_id);
ALTER TABLE node_pods ALTER COLUMN max_pods SET NOT NULL;
