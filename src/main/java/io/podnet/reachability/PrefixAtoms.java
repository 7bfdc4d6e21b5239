package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the address space by a set of prefixes into atoms: the addresses whose longest matching
 * prefix of the set is P, for each P. Prefixes are nested or disjoint, so each atom is P minus its
 * largest sub-prefixes in the set. When the set holds every prefix of every route table, every
 * longest-prefix match of every device is the same for all addresses of one atom: they are one
 * destination class, as far as routes go.
 */
final class PrefixAtoms {

	/** The addresses of {@code prefix} outside its sub-prefixes, standing for them all: {@code representative}. */
	record Atom(IPAddress prefix, BigInteger representative) {
	}

	private static final class Block {
		final IPAddress prefix;
		final BigInteger low;
		final BigInteger high;
		boolean covered;
		final List<Block> children = new ArrayList<>();

		Block(IPAddress prefix, boolean covered) {
			this.prefix = prefix;
			this.low = Addresses.valueOf(prefix);
			this.high = prefix.getUpper().getValue();
			this.covered = covered;
		}
	}

	private final Map<IPAddress, Block> blocks = new LinkedHashMap<>();

	/**
	 * Adds a prefix. A covered one (its addresses are classed elsewhere, or are no destination at
	 * all) still cuts its parent, but neither it nor anything inside it becomes an atom.
	 */
	PrefixAtoms add(IPAddress prefix, boolean covered) {
		// one spelling per block, so that equal prefixes meet and print as CIDR (10.244.0.0/22)
		IPAddress block = Addresses.blockFromValue(IpFamily.of(prefix), Addresses.valueOf(prefix),
				prefix.getNetworkPrefixLength());
		Block existing = blocks.get(block);
		if (existing == null) {
			blocks.put(block, new Block(block, covered));
		} else {
			existing.covered |= covered;
		}
		return this;
	}

	/** Every non-empty atom of a prefix that is not covered and lies in none that is, by address. */
	List<Atom> atoms() {
		List<Block> sorted = new ArrayList<>(blocks.values());
		// a parent sorts before its children: same start, shorter prefix first
		sorted.sort(Comparator.comparing((Block b) -> b.low).thenComparing(b -> b.high, Comparator.reverseOrder()));
		Deque<Block> open = new ArrayDeque<>();
		List<Block> candidates = new ArrayList<>();
		for (Block block : sorted) {
			while (!open.isEmpty() && open.peek().high.compareTo(block.low) < 0) {
				open.pop();
			}
			Block parent = open.peek();
			if (parent != null) {
				parent.children.add(block);
				block.covered |= parent.covered;
			}
			if (!block.covered) {
				candidates.add(block);
			}
			open.push(block);
		}
		List<Atom> atoms = new ArrayList<>();
		for (Block block : candidates) {
			BigInteger first = firstOutsideChildren(block);
			if (first != null) {
				atoms.add(new Atom(block.prefix, first));
			}
		}
		return atoms;
	}

	/** The lowest address of the block in none of its children (which are sorted and disjoint). */
	private static BigInteger firstOutsideChildren(Block block) {
		BigInteger cursor = block.low;
		for (Block child : block.children) {
			if (child.low.compareTo(cursor) > 0) {
				return cursor;
			}
			cursor = cursor.max(child.high.add(BigInteger.ONE));
		}
		return cursor.compareTo(block.high) <= 0 ? cursor : null;
	}
}
