package io.podnet.paths;

import io.podnet.path.DeviceKind;
import io.podnet.path.Disposition;
import io.podnet.path.HopAction;
import io.podnet.path.Scope;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(name = "Path", description = "How a packet gets from a pod to a destination, hop by hop, and how it ends")
public record PathView(
		@Schema(description = "How the trace ends", example = "ACCEPTED") Disposition disposition,
		@Schema(description = "How far the packet went", example = "CROSS_NODE") Scope scope,
		Endpoint source,
		Endpoint destination,
		@Schema(description = "TTL the packet arrives with (or has where it stopped), from 64, as ping shows it",
				example = "61") int ttl,
		List<HopView> hops,
		@Schema(description = "The whole path in words") String explanation) {

	@Schema(name = "PathEndpoint", description = "An end of the path: its address and, where known, pod, node and the "
			+ "container that declares the port")
	public record Endpoint(
			@Schema(example = "10.244.0.2") String address,
			@Schema(example = "default/web") String pod,
			@Schema(example = "node-1") String node,
			@Schema(description = "Container listening on the port", example = "postgres") String container,
			@Schema(example = "5432") Integer port,
			@Schema(example = "TCP") String protocol) {
	}

	@Schema(name = "Hop", description = "One device on the path and what it did with the packet")
	public record HopView(
			@Schema(example = "node-1") String device,
			@Schema(example = "NODE") DeviceKind kind,
			@Schema(example = "cbr0") String inInterface,
			@Schema(example = "eth0") String outInterface,
			@Schema(description = "The route the device matched", example = "default via 10.100.0.1") String route,
			@Schema(example = "ROUTED") HopAction action,
			@Schema(description = "The address this hop answers traceroute from", example = "10.244.0.1") String address,
			@Schema(description = "TTL after this hop", example = "63") int ttl,
			@Schema(description = "The step in words") String description) {
	}
}
