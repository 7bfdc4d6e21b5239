package io.podnet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The service's process by its pid: its CPU time and memory from /proc, and what jcmd says about its JVM. */
final class ServiceProcess {

	private final long pid;
	private final long clkTck;

	/** pid -1 when unknown: then no figure is read. clkTck: ticks per second of /proc's CPU times. */
	ServiceProcess(long pid, long clkTck) {
		this.pid = pid;
		this.clkTck = clkTck;
	}

	boolean known() {
		return pid >= 0;
	}

	long clkTck() {
		return clkTck;
	}

	/** User and system CPU time so far, in clock ticks, or 0 if unknown. */
	long cpuTicks() {
		if (!known()) {
			return 0;
		}
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
		} catch (IOException | RuntimeException e) {
			return 0;
		}
	}

	/** kB from /proc/PID/status, or -1. */
	long statusKb(String field) {
		if (!known()) {
			return -1;
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		} catch (IOException e) {
			// the service is gone
		}
		return -1;
	}

	/** What {@code jcmd PID COMMAND} answers about the service (the jcmd of the JDK running this). */
	String jcmd(String command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(pid), command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(30, TimeUnit.SECONDS)) {
			p.destroy();
		}
		return out;
	}

	/**
	 * Seconds the service has spent in stop-the-world GC pauses since it started, from the
	 * collectors' time counters (jcmd PerfCounter.print), or NaN if unknown.
	 */
	double gcPauseSeconds() {
		try {
			String out = jcmd("PerfCounter.print");
			double ticks = 0;
			double frequency = Double.NaN;
			for (String line : out.lines().toList()) {
				String[] kv = line.split("=", 2);
				if (kv.length == 2 && kv[0].matches("sun\\.gc\\.collector\\.\\d+\\.time")) {
					ticks += Double.parseDouble(kv[1].trim());
				} else if (kv.length == 2 && kv[0].equals("sun.os.hrt.frequency")) {
					frequency = Double.parseDouble(kv[1].trim());
				}
			}
			return ticks / frequency;
		} catch (IOException | RuntimeException e) {
			return Double.NaN;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Double.NaN;
		}
	}
}
