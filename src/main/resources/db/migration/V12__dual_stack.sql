-- Dual-stack clusters (issue 21): a cluster may have a second address family, as Kubernetes has
-- had since 1.23 (spec.podCIDRs, status.podIPs). Kubernetes allows at most two families, one of
-- each, so the second is a set of columns beside the first rather than a table of families: every
-- read of a node or pod gets both addresses in the row it already reads. The primary family stays
-- in the columns it always had, so single-stack rows and every existing query are unchanged.

ALTER TABLE cluster ADD COLUMN secondary_node_network VARCHAR(64) NULL;
ALTER TABLE cluster ADD COLUMN secondary_gateway VARCHAR(64) NULL;
ALTER TABLE cluster ADD COLUMN secondary_pod_network VARCHAR(64) NULL;
ALTER TABLE cluster ADD COLUMN secondary_node_subnet_prefix_length INTEGER NULL;
-- next-fit cursors of the second family's allocators, as node_subnet_cursor and node_address_cursor
ALTER TABLE cluster ADD COLUMN secondary_node_subnet_cursor NUMERIC(39) NULL;
ALTER TABLE cluster ADD COLUMN secondary_node_address_cursor NUMERIC(39) NULL;
-- the second family is there whole or not at all
ALTER TABLE cluster ADD CONSTRAINT ck_cluster_secondary_family CHECK (
    (secondary_node_network IS NULL AND secondary_gateway IS NULL AND secondary_pod_network IS NULL
        AND secondary_node_subnet_prefix_length IS NULL)
    OR (secondary_node_network IS NOT NULL AND secondary_gateway IS NOT NULL AND secondary_pod_network IS NOT NULL
        AND secondary_node_subnet_prefix_length IS NOT NULL));

ALTER TABLE node ADD COLUMN secondary_address VARCHAR(64) NULL;
ALTER TABLE node ADD COLUMN secondary_address_value NUMERIC(39) NULL;
ALTER TABLE node ADD COLUMN secondary_pod_subnet VARCHAR(64) NULL;
ALTER TABLE node ADD COLUMN secondary_pod_subnet_value NUMERIC(39) NULL;
-- as for the first family, the database itself refuses a duplicate (several NULLs are allowed)
ALTER TABLE node ADD CONSTRAINT uk_node_secondary_address UNIQUE (cluster_id, secondary_address_value);
ALTER TABLE node ADD CONSTRAINT uk_node_secondary_pod_subnet UNIQUE (cluster_id, secondary_pod_subnet_value);
ALTER TABLE node ADD CONSTRAINT ck_node_secondary_family CHECK (
    (secondary_address IS NULL AND secondary_address_value IS NULL AND secondary_pod_subnet IS NULL
        AND secondary_pod_subnet_value IS NULL)
    OR (secondary_address IS NOT NULL AND secondary_address_value IS NOT NULL AND secondary_pod_subnet IS NOT NULL
        AND secondary_pod_subnet_value IS NOT NULL));

-- next-fit cursor of the node's second-family pod IPs
ALTER TABLE node_pods ADD COLUMN secondary_pod_address_cursor NUMERIC(39) NULL;

ALTER TABLE pod ADD COLUMN secondary_ip VARCHAR(64) NULL;
ALTER TABLE pod ADD COLUMN secondary_ip_value NUMERIC(39) NULL;
ALTER TABLE pod ADD CONSTRAINT uk_pod_secondary_ip UNIQUE (cluster_id, secondary_ip_value);

-- The gateway has a route per node per family. 0.0.0.0/8 and ::/8 have the same numeric value and
-- prefix length, so the family is part of a route's identity.
ALTER TABLE gateway_route ADD COLUMN ip_family VARCHAR(4) NULL;
UPDATE gateway_route SET ip_family = (SELECT c.ip_family FROM cluster c WHERE c.id = gateway_route.cluster_id);
ALTER TABLE gateway_route ALTER COLUMN ip_family SET NOT NULL;
ALTER TABLE gateway_route ADD CONSTRAINT uk_gateway_route_family_destination
    UNIQUE (cluster_id, ip_family, destination_value, prefix_length);
ALTER TABLE gateway_route DROP CONSTRAINT uk_gateway_route_destination;

-- A node's routes: one per family. H2 backs node_id's (unnamed) foreign key with the index of
-- uk_gateway_route_node and keeps that index, unique, when the constraint is dropped; so the column
-- is replaced, which takes its constraints with it on both databases, and its new foreign key has a name.
ALTER TABLE gateway_route RENAME COLUMN node_id TO replaced_node_id;
ALTER TABLE gateway_route ADD COLUMN node_id BIGINT NULL;
ALTER TABLE gateway_route ADD CONSTRAINT fk_gateway_route_node FOREIGN KEY (node_id) REFERENCES node (id);
UPDATE gateway_route SET node_id = replaced_node_id;
ALTER TABLE gateway_route DROP COLUMN replaced_node_id;
ALTER TABLE gateway_route ADD CONSTRAINT uk_gateway_route_node UNIQUE (node_id, ip_family);
