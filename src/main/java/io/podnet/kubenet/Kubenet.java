package io.podnet.kubenet;

/**
 * The fixed names of a kubenet network, as Kubernetes' kubenet plugin and the CNI bridge plugin
 * give them: every node's bridge, every node's and pod's interface, the infra container.
 */
public final class Kubenet {

	/** Every node's bridge: its address is the first of the node's pod subnet, every local pod's gateway. */
	public static final String BRIDGE = "cbr0";
	/** A node's, and the gateway's, interface on the node network. */
	public static final String UPLINK = "eth0";
	/** The interface inside a pod's network namespace. */
	public static final String POD_INTERFACE = "eth0";
	/** The pause container: started first, it holds the pod's network namespace, which the others join. */
	public static final String PAUSE_CONTAINER = "pause";
	public static final String PAUSE_IMAGE = "registry.k8s.io/pause:3.10";

	private Kubenet() {
	}
}
