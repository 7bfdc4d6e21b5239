/**
 * Kubernetes-style watch streams (issue 20): the change log written in each writing transaction
 * ({@link io.podnet.watch.ChangeLog}), read by one poller per replica into a bounded buffer
 * ({@link io.podnet.watch.WatchHub}), and streamed to each watcher as JSON lines or Server-Sent
 * Events ({@link io.podnet.watch.Watches}).
 */
package io.podnet.watch;
