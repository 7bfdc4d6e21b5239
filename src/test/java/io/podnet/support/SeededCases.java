package io.podnet.support;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Randomized tests without a property-testing library: a run draws its cases from one seed, prints
 * that seed, and names it (with the failing case) in the failure, so that
 * {@code ./mvnw test -Dtest=SomeTests -Dpodnet.test.seed=<seed>} runs the very same cases again.
 * There is no shrinking: a case is small enough to read as it is.
 */
public final class SeededCases {

	/** The system property that fixes the seed of a run; surefire passes {@code -D} values on to the tests. */
	public static final String SEED_PROPERTY = "podnet.test.seed";

	private SeededCases() {
	}

	/**
	 * Checks {@code count} cases, each made by {@code generate} from a random source of its own. Each
	 * case gets its own seed, drawn from the run's seed, so that case #k is the same whatever the
	 * earlier cases consumed, and a failure can say which case it was.
	 */
	public static <C> void check(String name, int count, Function<SplittableRandom, C> generate, Consumer<C> check) {
		long seed = runSeed();
		System.out.printf("%s: %d cases, seed=%d (re-run with -D%s=%d)%n", name, count, seed, SEED_PROPERTY, seed);
		SplittableRandom seeds = new SplittableRandom(seed);
		for (int k = 0; k < count; k++) {
			long caseSeed = seeds.nextLong();
			C input = null;
			try {
				input = generate.apply(new SplittableRandom(caseSeed));
				check.accept(input);
			} catch (AssertionError | RuntimeException failure) {
				throw new AssertionError(String.format("%s: seed=%d, case #%d of %d (case seed %d): %s%n"
						+ "re-run with -D%s=%d%n%s", name, seed, k, count, caseSeed, input, SEED_PROPERTY, seed,
						failure.getMessage()), failure);
			}
		}
	}

	/** A random source for a test that draws as it goes; its seed is printed and fixed by {@value #SEED_PROPERTY}. */
	public static Random random(String name) {
		long seed = runSeed();
		System.out.printf("%s: seed=%d (re-run with -D%s=%d)%n", name, seed, SEED_PROPERTY, seed);
		return new Random(seed);
	}

	/** The seed given with {@value #SEED_PROPERTY}, else a fresh one: every run without it tries new cases. */
	private static long runSeed() {
		String given = System.getProperty(SEED_PROPERTY);
		if (given == null || given.isBlank()) {
			return ThreadLocalRandom.current().nextLong();
		}
		return Long.parseLong(given.strip());
	}
}
