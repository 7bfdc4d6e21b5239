package io.podnet.node;

/**
 * Published inside the transaction that deletes a node, before its row goes: what refers to the
 * node (its gateway route, and its pods when the delete cascades) goes with it, in that transaction.
 */
public record NodeDeleted(Node node) {
}
