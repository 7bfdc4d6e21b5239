package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.path.ContainerPort;
import java.util.List;

/**
 * One real pod standing for the others of its class: the flows of a class are traced from or to it,
 * and the answer's example flow names it.
 *
 * @param name namespace/name
 * @param ip its address, without prefix length
 * @param hostInterface the host end of its veth, or null
 * @param ports what its containers declare
 */
record PodSample(String name, IPAddress ip, String hostInterface, List<ContainerPort> ports) {

	/** The tracer's name for the pod's device, as the path endpoint names it. */
	String device() {
		return "pod " + name;
	}
}
