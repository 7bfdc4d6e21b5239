package io.podnet.bench;

/** A status and body as the service answered; a negative status is a request that got no answer. */
record Response(int status, String body) {

	boolean ok() {
		return status >= 200 && status < 300;
	}
}
