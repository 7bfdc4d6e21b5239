package io.podnet.path;

/** A flow names a source device that the network does not have. */
public class UnknownDevice extends RuntimeException {

	private final String device;

	public UnknownDevice(String device) {
		super("no device named '" + device + "' in this network");
		this.device = device;
	}

	public String device() {
		return device;
	}
}
