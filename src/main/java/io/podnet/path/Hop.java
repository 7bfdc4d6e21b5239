package io.podnet.path;

import inet.ipaddr.IPAddress;

/**
 * One device on the path and what it did with the packet.
 *
 * @param device the device's name: {@code pod default/web}, {@code node-1}, {@code gateway}
 * @param kind pod, node or gateway
 * @param inInterface where the packet came in: null at the source, {@code lo} within one pod,
 *        the host-side veth of the sending pod at a bridge
 * @param outInterface where it went out, or null when it went nowhere
 * @param route the matched route as people read it ({@code 10.244.1.0/24 via 10.100.0.3}), or
 *        null when no route was consulted or none matched
 * @param action what the device did
 * @param address the address this hop answers from, as {@code traceroute -n} prints it: the
 *        sender's source address, a router's address facing the sender, the destination itself;
 *        null at a bridge, which has no say in IP
 * @param ttl the packet's TTL after this hop
 * @param description the step in words: "node-1 matched 'default via 10.100.0.1' and sent it out
 *        eth0 to the gateway"
 */
public record Hop(String device, DeviceKind kind, String inInterface, String outInterface, String route,
		HopAction action, IPAddress address, int ttl, String description) {
}
