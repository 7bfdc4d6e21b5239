/**
 * The path tracer: how a packet gets from a pod to an address, hop by hop, through the route
 * tables of pods, nodes and the gateway, and why it stops where it stops.
 *
 * <p>Plain Java on purpose: values in ({@link io.podnet.path.Network}, {@link io.podnet.path.Flow}),
 * values out ({@link io.podnet.path.Trace}). The web layer builds a {@code Network} from the
 * database (or wraps {@link io.podnet.path.InMemoryNetwork}) and renders the {@code Trace}.
 * Dispositions and hop structure follow Batfish; Linux is the ground truth for each decision.
 */
package io.podnet.path;
