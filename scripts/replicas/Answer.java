package replicas;

/** An HTTP answer; status -1 when no replica answered at all. */
record Answer(int status, String body, Replica via, boolean ambiguous, boolean timedOut) {

	Answer(int status, String body, Replica via, boolean ambiguous) {
		this(status, body, via, ambiguous, false);
	}

	String problemType() {
		if (body == null) {
			return null;
		}
		int i = body.indexOf("urn:podnet:problem:");
		if (i < 0) {
			return "untyped";
		}
		int end = body.indexOf('"', i);
		return body.substring(i + "urn:podnet:problem:".length(), end);
	}
}
