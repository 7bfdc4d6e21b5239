-- The next-fit pod allocator reads a range of one node's pod subnet, which uk_pod_ip
-- (cluster_id, ip_value) answers as well: a pod's IP is always in its own node's subnet, and node
-- subnets never overlap. The (node_id, ip_value) index only cost every pod insert and delete.
DROP INDEX ix_pod_node_ip;
