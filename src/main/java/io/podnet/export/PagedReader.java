package io.podnet.export;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Items read a page at a time, again from the start each time they are iterated: keyset paging,
 * where each page is read after the last item of the one before. Memory holds one page, whatever
 * the number of items.
 *
 * @param pageSize items per page; a shorter page is the last
 * @param pageAfter the page after that item (null: the first page)
 */
record PagedReader<T>(int pageSize, Function<T, List<T>> pageAfter) implements Iterable<T> {

	@Override
	public Iterator<T> iterator() {
		return new Iterator<>() {

			private Iterator<T> page = Collections.emptyIterator();
			private T last;
			private boolean lastPageRead;

			@Override
			public boolean hasNext() {
				if (!page.hasNext() && !lastPageRead) {
					List<T> items = pageAfter.apply(last);
					lastPageRead = items.size() < pageSize;
					page = items.iterator();
				}
				return page.hasNext();
			}

			@Override
			public T next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				last = page.next();
				return last;
			}
		};
	}
}
