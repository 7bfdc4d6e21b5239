package io.podnet.pod;

import io.podnet.pod.Container.Port;
import io.podnet.pod.CreatePodRequest.ContainerRequest;
import io.podnet.pod.CreatePodRequest.PortRequest;
import io.podnet.problem.InvalidValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The containers of a pod, checked as one network namespace: the pause container holds it, the
 * others join it, so they reach each other on localhost and two of them can never listen on the
 * same port and protocol. The same port under different protocols is fine.
 */
final class PodContainers {

	static final String DEFAULT_PROTOCOL = "TCP";

	private PodContainers() {
	}

	/** The containers with defaults filled in, or a 422 naming the clash. */
	static List<Container> containers(List<ContainerRequest> requests) {
		Map<String, Integer> names = new HashMap<>();
		Map<String, String> portOwners = new HashMap<>();
		List<Container> containers = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			ContainerRequest request = requests.get(i);
			Integer earlier = names.putIfAbsent(request.name(), i);
			if (earlier != null) {
				throw new InvalidValue("containers[" + i + "].name", request.name(), "is already the name of containers["
						+ earlier + "]; container names must be unique in the pod");
			}
			List<Port> ports = new ArrayList<>();
			List<PortRequest> portRequests = request.ports() == null ? List.of() : request.ports();
			for (int j = 0; j < portRequests.size(); j++) {
				PortRequest port = portRequests.get(j);
				String protocol = port.protocol() == null ? DEFAULT_PROTOCOL : port.protocol();
				String key = port.containerPort() + "/" + protocol;
				String owner = portOwners.putIfAbsent(key, request.name());
				if (owner != null) {
					String who = owner.equals(request.name()) ? "container '" + owner + "' twice"
							: "both containers '" + owner + "' and '" + request.name() + "'";
					throw new InvalidValue("containers[" + i + "].ports[" + j + "]", key, "is declared by " + who
							+ "; the containers of a pod share one network namespace, so only one can listen on a "
							+ "port and protocol. Use another port, or another protocol");
				}
				ports.add(new Port(port.containerPort(), protocol));
			}
			containers.add(new Container(request.name(), request.image(), List.copyOf(ports)));
		}
		return containers;
	}
}
