package io.podnet.system;

import java.io.IOException;

/** A request body over the limit (413). An IOException, so it can escape a body being read. */
public class PayloadTooLarge extends IOException {

	private final long limit;

	public PayloadTooLarge(long limit) {
		super("the request body is larger than " + limit + " bytes, the limit of this API; requests are small JSON "
				+ "objects, so send one resource at a time");
		this.limit = limit;
	}

	public long limit() {
		return limit;
	}
}
