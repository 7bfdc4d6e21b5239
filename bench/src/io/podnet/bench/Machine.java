package io.podnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine the service and the load generator share, from /proc. */
final class Machine {

	private Machine() {
	}

	/** Busy and total CPU ticks of the whole machine, from /proc/stat. */
	static long[] ticks() {
		try {
			String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			long total = 0;
			for (int i = 1; i < f.length && i <= 8; i++) {
				long v = Long.parseLong(f[i]);
				total += v;
				if (i != 4 && i != 5) { // idle, iowait
					busy += v;
				}
			}
			return new long[] {busy, total};
		} catch (IOException | RuntimeException e) {
			return new long[] {0, 0};
		}
	}

	/** CPUs, CPU model, memory and operating system, for the report. */
	static String describe() {
		String cpu = "?";
		long memKb = -1;
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					cpu = line.substring(line.indexOf(':') + 1).trim();
					break;
				}
			}
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		} catch (IOException e) {
			// leave the question marks
		}
		return Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), "
				+ String.format(Locale.ROOT, "%.1f GiB", memKb / 1024.0 / 1024.0) + " memory, "
				+ System.getProperty("os.name") + " " + System.getProperty("os.version");
	}
}
