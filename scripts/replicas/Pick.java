package replicas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A set with a uniformly random pick, O(1) add and remove. */
final class Pick {
	final List<String> items = new ArrayList<>();
	final Map<String, Integer> index = new HashMap<>();

	int size() {
		return items.size();
	}

	boolean contains(String s) {
		return index.containsKey(s);
	}

	void add(String s) {
		if (!index.containsKey(s)) {
			index.put(s, items.size());
			items.add(s);
		}
	}

	void remove(String s) {
		Integer i = index.remove(s);
		if (i != null) {
			String last = items.remove(items.size() - 1);
			if (i < items.size()) {
				items.set(i, last);
				index.put(last, i);
			}
		}
	}

	String random(Random r) {
		return items.get(r.nextInt(items.size()));
	}
}
