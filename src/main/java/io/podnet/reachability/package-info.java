/**
 * Whole-cluster reachability (issue 22): the answer for every source pod × every destination at
 * once, exact, computed over classes of flows that the network cannot tell apart, each decided by
 * tracing one representative flow with the path tracer ({@link io.podnet.path.PathTracer}).
 *
 * <p>The class computation ({@link io.podnet.reachability.ClassTracer}) is plain Java: a
 * {@link io.podnet.reachability.ClusterPlan} in (routers, and pods already counted by node and by
 * whether they listen), classes out. The service reads the plan in one snapshot and renders the answer.
 */
package io.podnet.reachability;
