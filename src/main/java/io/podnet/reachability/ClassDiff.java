package io.podnet.reachability;

import io.podnet.path.Disposition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a change does to reachability: the classes whose disposition differs between two answers,
 * matched by what they are (which sources relative to which destination of which node or prefix),
 * plus those that exist on one side only (a node added or deleted, a node's last deaf pod deleted).
 */
final class ClassDiff {

	/** A class as both answers name it. */
	record Key(SourceScope scope, DestinationKind kind, String prefix, String node, boolean listening) {

		static Key of(TracedClass traced) {
			return new Key(traced.scope(), traced.kind(), traced.prefix(), traced.node(), traced.listening());
		}
	}

	/** One class that changed; {@code before} or {@code after} is null when it exists on one side only. */
	record Changed(Key key, TracedClass before, TracedClass after) {

		Disposition dispositionBefore() {
			return before == null ? null : before.trace().disposition();
		}

		Disposition dispositionAfter() {
			return after == null ? null : after.trace().disposition();
		}

		/** Whether its flows end otherwise, or it exists on one side only. */
		boolean changes() {
			return dispositionBefore() != dispositionAfter();
		}
	}

	private ClassDiff() {
	}

	static List<Changed> between(List<TracedClass> before, List<TracedClass> after) {
		Map<Key, TracedClass> old = new LinkedHashMap<>();
		before.forEach(traced -> old.put(Key.of(traced), traced));
		List<Changed> changed = new ArrayList<>();
		for (TracedClass now : after) {
			Key key = Key.of(now);
			TracedClass was = old.remove(key);
			if (was == null || !Objects.equals(was.trace().disposition(), now.trace().disposition())) {
				changed.add(new Changed(key, was, now));
			}
		}
		old.forEach((key, gone) -> changed.add(new Changed(key, gone, null)));
		return changed;
	}
}
