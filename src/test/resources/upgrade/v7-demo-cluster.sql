-- podnet upgrade fixture v7-demo-cluster: the rows of the demo cluster as podnet wrote them at schema version 7 (Flyway V7).
-- Generated, not edited: ./mvnw verify -Dit.test=UpgradeIT -Dpodnet.upgrade.record=true (UpgradeIT, DemoCluster). The API's answers then are in v7-demo-cluster.json.
-- Load into an empty schema that Flyway migrated to version 7; runs on H2 (PostgreSQL mode) and PostgreSQL.

INSERT INTO cluster (id, name, ip_family, node_network, gateway, pod_network, node_subnet_prefix_length, max_pods_per_node, node_subnet_cursor, node_address_cursor, version, created_at, routes_version) VALUES (1, 'demo', 'IPv4', '10.100.0.0/24', '10.100.0.1', '10.244.0.0/16', 24, 110, 183763712, 174325765, 10, TIMESTAMP WITH TIME ZONE '2026-12-04 16:53:20.116639+00:00', 10);

INSERT INTO node (id, cluster_id, name, address, address_value, pod_subnet, pod_subnet_value, created_at) VALUES (1, 1, 'node-1', '10.100.0.2', 174325762, '10.244.0.0/24', 183762944, TIMESTAMP WITH TIME ZONE '2026-12-04 16:53:21.222943+00:00');
INSERT INTO node (id, cluster_id, name, address, address_value, pod_subnet, pod_subnet_value, created_at) VALUES (2, 1, 'node-2', '10.100.0.3', 174325763, '10.244.1.0/24', 183763200, TIMESTAMP WITH TIME ZONE '2026-12-04 16:53:21.376904+00:00');
INSERT INTO node (id, cluster_id, name, address, address_value, pod_subnet, pod_subnet_value, created_at) VALUES (4, 1, 'node-4', '10.100.0.5', 174325765, '10.244.3.0/24', 183763712, TIMESTAMP WITH TIME ZONE '2026-12-04 16:53:21.487301+00:00');

INSERT INTO node_pods (node_id, cluster_id, node_name, pod_count, pod_address_cursor, version) VALUES (1, 1, 'node-1', 2, 183762948, 4);
INSERT INTO node_pods (node_id, cluster_id, node_name, pod_count, pod_address_cursor, version) VALUES (2, 1, 'node-2', 2, 183763204, 4);
INSERT INTO node_pods (node_id, cluster_id, node_name, pod_count, pod_address_cursor, version) VALUES (4, 1, 'node-4', 2, 183763715, 2);

INSERT INTO gateway_route (id, cluster_id, destination, destination_value, prefix_length, type, next_hop, node_id, version) VALUES (1, 1, '10.244.0.0/24', 183762944, 24, 'NODE', '10.100.0.2', 1, 0);
INSERT INTO gateway_route (id, cluster_id, destination, destination_value, prefix_length, type, next_hop, node_id, version) VALUES (2, 1, '10.244.1.0/24', 183763200, 24, 'NODE', '10.100.0.3', 2, 0);
INSERT INTO gateway_route (id, cluster_id, destination, destination_value, prefix_length, type, next_hop, node_id, version) VALUES (4, 1, '10.244.3.0/24', 183763712, 24, 'NODE', '10.100.0.5', 4, 0);
INSERT INTO gateway_route (id, cluster_id, destination, destination_value, prefix_length, type, next_hop, node_id, version) VALUES (5, 1, '0.0.0.0/0', 0, 0, 'EXTERNAL', NULL, NULL, 0);
INSERT INTO gateway_route (id, cluster_id, destination, destination_value, prefix_length, type, next_hop, node_id, version) VALUES (6, 1, '10.244.200.0/24', 183814144, 24, 'BLACKHOLE', NULL, NULL, 0);
INSERT INTO gateway_route (id, cluster_id, destination, destination_value, prefix_length, type, next_hop, node_id, version) VALUES (7, 1, '192.168.0.0/16', 3232235520, 16, 'STATIC', '10.100.0.3', NULL, 0);

INSERT INTO pod (id, cluster_id, node_id, namespace, name, ip, ip_value, host_interface, containers, version, created_at) VALUES (1, 1, 1, 'default', 'web', '10.244.0.2', 183762946, 'veth9392b1b9', '[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80,"protocol":"TCP"}]},{"name":"scrapyd","image":"scrapy/scrapyd","ports":[{"containerPort":6800,"protocol":"TCP"}]}]', 0, TIMESTAMP WITH TIME ZONE '2026-12-04 16:53:21.799699+00:00');
INSERT INTO pod (id, cluster_id, node_id, namespace, name, ip, ip_value, host_interface, containers, version, created_at) VALUES (2, 1, 2, 'default', 'db', '10.244.1.2', 183763202, 'veth79391299', '[{"name":"postgres","image":"postgres:17","ports":[{"containerPort":5432,"protocol":"TCP"}]}]', 0, TIMESTAMP WITH TIME ZONE '2026-12-04 16:53:21.915923+00:00');
INSERT INTO pod (id, cluster_id, node_id, namespace, name, ip, ip_value, host_interface, containers, version, created_at) VALUES (3, 1, 1, 'default', 'api', '10.244.0.3', 183762947, 'veth29c60bf7', '[{"name":"app","image":"python:3.13","ports":[{"containerPort":8000,"protocol":"TCP"}]}]', 0, TIMESTAMP WITH TIME ZONE '2026-12-04 16:53:21.976656+00:00');
INSERT INTO pod (id, cluster_id, node_id, namespace, name, ip, ip_value, host_interface, containers, version, created_at) VALUES (6, 1, 2, 'kube-system', 'coredns', '10.244.1.4', 183763204, 'veth73ea731c', '[{"name":"coredns","image":"registry.k8s.io/coredns/coredns:v1.11.3","ports":[{"containerPort":53,"protocol":"UDP"},{"containerPort":53,"protocol":"TCP"}]}]', 0, TIMESTAMP WITH TIME ZONE '2026-12-04 16:53:22.102514+00:00');
INSERT INTO pod (id, cluster_id, node_id, namespace, name, ip, ip_value, host_interface, containers, version, created_at) VALUES (7, 1, 4, 'monitoring', 'prometheus', '10.244.3.2', 183763714, 'veth72bdbbdb', '[{"name":"prometheus","image":"prom/prometheus:v3.0.0","ports":[{"containerPort":9090,"protocol":"TCP"}]}]', 0, TIMESTAMP WITH TIME ZONE '2026-12-04 16:53:22.137250+00:00');
INSERT INTO pod (id, cluster_id, node_id, namespace, name, ip, ip_value, host_interface, containers, version, created_at) VALUES (8, 1, 4, 'default', 'batch', '10.244.3.3', 183763715, 'vetha68cb28e', '[{"name":"job","image":"busybox","ports":[]}]', 0, TIMESTAMP WITH TIME ZONE '2026-12-04 16:53:22.270045+00:00');

-- the next rows get ids after these, as they would have in the database the rows come from
ALTER TABLE cluster ALTER COLUMN id RESTART WITH 2;
ALTER TABLE node ALTER COLUMN id RESTART WITH 5;
ALTER TABLE gateway_route ALTER COLUMN id RESTART WITH 8;
ALTER TABLE pod ALTER COLUMN id RESTART WITH 9;
