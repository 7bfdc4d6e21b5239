package io.podnet.path;

/** Transport protocols a Kubernetes container port may declare. */
public enum Protocol {
	TCP, UDP, SCTP
}
