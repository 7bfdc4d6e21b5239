/**
 * Prometheus metrics about the networks podnet keeps (issue 20): per cluster the node subnets,
 * node addresses, nodes, pods and user routes; per node its pod addresses; node subnet
 * allocations. Read from the database, so every replica reports the same values.
 */
package io.podnet.metrics;
