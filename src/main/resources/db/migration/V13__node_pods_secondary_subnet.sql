-- A pod create reads its node's pod subnets under the lock on the node's pod counters. Adding or
-- removing a cluster's second family changes every node's second subnet while creates wait on those
-- locks; PostgreSQL re-reads only the locked row after such a wait (not the node row joined to it),
-- so the subnet a create allocates from must be in the locked row itself.
ALTER TABLE node_pods ADD COLUMN secondary_pod_subnet VARCHAR(64) NULL;
UPDATE node_pods SET secondary_pod_subnet = (SELECT n.secondary_pod_subnet FROM node n WHERE n.id = node_pods.node_id);
