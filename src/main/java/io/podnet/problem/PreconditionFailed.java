package io.podnet.problem;

/** If-Match named a version the resource no longer has (412): someone changed it since it was read. */
public class PreconditionFailed extends Problem {

	public PreconditionFailed(String resource, String ifMatch, String current) {
		super(resource + " is at version " + current + " but If-Match asked for " + ifMatch
				+ "; it changed since you read it. GET it again and retry with its ETag, if the change still makes sense");
		with("currentETag", current).with("ifMatch", ifMatch);
	}

	@Override
	public int status() {
		return 412;
	}

	@Override
	public String slug() {
		return "precondition-failed";
	}

	@Override
	public String title() {
		return "Precondition failed";
	}
}
