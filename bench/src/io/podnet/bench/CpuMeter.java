package io.podnet.bench;

import java.lang.management.ManagementFactory;

/**
 * The CPU time the service, this load generator and the rest of the machine use between the start
 * of a measurement and its end, and optionally the service's GC pauses meanwhile.
 */
final class CpuMeter {

	private final ServiceProcess service;
	private final boolean withGcPauses;
	private final double gc0;
	private final long service0;
	private final long client0;
	private final long[] machine0;

	private CpuMeter(ServiceProcess service, boolean withGcPauses) {
		this.service = service;
		this.withGcPauses = withGcPauses;
		this.gc0 = withGcPauses ? service.gcPauseSeconds() : Double.NaN; // before the clock starts: jcmd is a JVM of its own
		this.service0 = service.cpuTicks();
		this.client0 = clientCpuNanos();
		this.machine0 = Machine.ticks();
	}

	/** Readings taken now, before the measurement's clock starts. */
	static CpuMeter start(ServiceProcess service, boolean withGcPauses) {
		return new CpuMeter(service, withGcPauses);
	}

	/**
	 * The measurement's result with the CPU used since the start. The GC pauses are read last, so
	 * the jcmd JVM that reads them is not charged to the other processes.
	 */
	Result result(String name, Latencies all, double seconds) {
		Result r = Result.of(name, all, seconds, (service.cpuTicks() - service0) / (double) service.clkTck(),
				(clientCpuNanos() - client0) / 1e9);
		r.otherCpu = otherShare(Machine.ticks(), r);
		if (withGcPauses) {
			r.gcPauses = (service.gcPauseSeconds() - gc0) / seconds;
		}
		return r;
	}

	/** The share of the machine's CPU capacity that other processes used meanwhile. */
	private double otherShare(long[] machine1, Result r) {
		long total = machine1[1] - machine0[1];
		if (total <= 0) {
			return Double.NaN;
		}
		double otherTicks = (machine1[0] - machine0[0]) - (r.serverCpu + r.clientCpu) * service.clkTck();
		return Math.max(0, otherTicks / total);
	}

	private static long clientCpuNanos() {
		var os = ManagementFactory.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
	}
}
