package io.podnet.path;

/** A device's interface on a segment: who answers for an address there. */
public record Attachment(Device device, Interface attached) {
}
