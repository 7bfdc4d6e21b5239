package io.podnet.node;

/**
 * Published inside the transaction that adds a node, once its row is written: what follows the
 * nodes (the gateway's route to the node's pod subnet) is added in the same transaction.
 */
public record NodeAdded(Node node) {
}
