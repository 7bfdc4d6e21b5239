-- Keyset paging of a node's pods (GET .../pods?node=...&limit=...): by namespace and name.
CREATE INDEX ix_pod_node_name ON pod (node_id, namespace, name);
