package io.podnet.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The service's memory at named steps of the run: RSS and its peak from /proc, the Java heap from jcmd. */
final class ServiceMemory {

	private final ServiceProcess service;
	private final Findings findings;

	ServiceMemory(ServiceProcess service, Findings findings) {
		this.service = service;
		this.findings = findings;
	}

	/** RSS and peak RSS (VmHWM) now. */
	void sample(String when) {
		findings.rssTimeline.put(when, new long[] {service.statusKb("VmRSS"), service.statusKb("VmHWM")});
	}

	/** The service's heap and metaspace as {@code jcmd PID GC.heap_info} tells them. */
	void heapInfo(String when) {
		if (!service.known()) {
			return;
		}
		try {
			String text = service.jcmd("GC.heap_info");
			List<String> parts = new ArrayList<>();
			for (String line : text.split("\n")) {
				String t = line.trim();
				if (t.contains("heap") && t.contains("total")) {
					parts.add("heap " + t.replaceAll(".*total ([^,\\s]+), used ([^,\\s]+).*", "used $2 of $1 committed"));
				} else if (t.startsWith("Metaspace")) {
					parts.add("metaspace " + t.replaceAll(".*used ([^,\\s]+), committed ([^,\\s]+).*", "used $1, committed $2"));
				}
			}
			findings.heapInfos.put(when, String.join("; ", parts));
		} catch (IOException e) {
			findings.heapInfos.put(when, "jcmd failed: " + e.getMessage());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
