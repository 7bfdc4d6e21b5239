package io.podnet.api;

import io.podnet.problem.InvalidValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.data.domain.Limit;

/**
 * Kubernetes-style paging: {@code limit} and an opaque {@code continue} token. The token holds the
 * sort keys of the last item served, and the next page is read with a keyset query ("after these
 * keys"), never an offset, so the last page of 150,000 pods costs what the first does and an item
 * created or deleted meanwhile never shifts the pages.
 *
 * <p>A list is always read a page at a time: without a limit, a page of the default size
 * ({@link Limits#defaultPageSize()}), so that no request reads 150,000 rows into memory.
 *
 * @param limit items per page
 * @param after the sort keys to continue after; empty strings (which sort before every name) from
 *        the start
 */
public record Paging(int limit, List<String> after) {

	private static final String VERSION = "v1";
	private static final int MAX_CHUNK = 2000;
	private static final Pattern NAME = Pattern.compile("(" + Names.DNS1123_LABEL + ")?");

	/**
	 * Checks the query parameters of a list request whose items sort by {@code keyCount} keys; see
	 * {@link Limits#paging} for the page sizes.
	 */
	static Paging of(Integer limit, String continueToken, int keyCount, int defaultLimit, int maxLimit) {
		if (limit != null && (limit < 1 || limit > maxLimit)) {
			throw new InvalidValue("limit", limit, "is out of range; expected 1 to " + maxLimit + " (default "
					+ defaultLimit + ")");
		}
		int pageSize = limit == null ? defaultLimit : limit;
		if (continueToken == null || continueToken.isEmpty()) {
			return new Paging(pageSize, Collections.nCopies(keyCount, ""));
		}
		return new Paging(pageSize, decode(continueToken, keyCount));
	}

	/** The i-th sort key to continue after. */
	public String after(int i) {
		return after.get(i);
	}

	/** Rows to read: one more than a page, to learn whether another page follows. */
	public Limit fetch() {
		return Limit.of(limit + 1);
	}

	/** Reads a list's rows in order, after the given sort keys, at most {@code limit} of them. */
	@FunctionalInterface
	public interface KeysetReader<R> {

		List<R> read(List<String> after, Limit limit);
	}

	/**
	 * The rows of the page and one more (to learn whether another page follows), of those that
	 * {@code keep} accepts: read in chunks after this page's keys until enough are found or the
	 * list ends. The first chunk is {@link #fetch()} rows, all that is read when nothing is filtered
	 * or when the reader already returns (nearly) only rows that match, as the label index does;
	 * each further chunk is twice the last, up to {@value #MAX_CHUNK} rows, so that a filter that few
	 * rows pass does not cost a query per row. The continue token of the answer is the keys of the
	 * last row served, so rows read past it and dropped are read again by the next page, never lost.
	 */
	public <R> List<R> select(KeysetReader<R> reader, Predicate<R> keep, boolean filtered,
			Function<R, List<String>> keys) {
		if (!filtered) {
			return reader.read(after, fetch());
		}
		int chunk = limit + 1;
		List<R> kept = new ArrayList<>();
		List<String> from = after;
		while (true) {
			List<R> rows = reader.read(from, Limit.of(chunk));
			for (R row : rows) {
				if (keep.test(row)) {
					kept.add(row);
					if (kept.size() > limit) {
						return kept;
					}
				}
			}
			if (rows.size() < chunk) {
				return kept;
			}
			from = keys.apply(rows.get(rows.size() - 1));
			chunk = Math.min(chunk * 2, Math.max(MAX_CHUNK, limit + 1));
		}
	}

	/** The page answer from the rows read with {@link #fetch()}. */
	public <R, T> ItemList<T> page(List<R> rows, Function<R, List<String>> keys, Function<R, T> view) {
		boolean more = rows.size() > limit;
		List<R> served = more ? rows.subList(0, limit) : rows;
		String next = more ? encode(keys.apply(served.get(served.size() - 1))) : null;
		return new ItemList<>(new ItemList.ListMeta(next), served.stream().map(view).toList());
	}

	static String encode(List<String> keys) {
		String text = VERSION + "\n" + String.join("\n", keys);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static List<String> decode(String token, int keyCount) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
			List<String> parts = Arrays.asList(text.split("\n", -1));
			List<String> keys = parts.subList(1, parts.size());
			// every sort key is a name (a DNS-1123 label); anything else was not made by podnet
			if (parts.size() == keyCount + 1 && parts.get(0).equals(VERSION)
					&& keys.stream().allMatch(key -> key.length() <= 63 && NAME.matcher(key).matches())) {
				return keys;
			}
		} catch (IllegalArgumentException e) {
			// not base64: answered below like any other foreign token
		}
		throw new InvalidValue("continue", token, "is not a continue token of this list; pass the metadata.continue "
				+ "of the previous page unchanged, or start again without it");
	}
}
