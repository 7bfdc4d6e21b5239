package io.podnet.problem;

/** The named cluster, node, pod or route does not exist (404). */
public class ResourceNotFound extends Problem {

	public ResourceNotFound(String kind, String name) {
		super(kind + " '" + name + "' not found");
		with("kind", kind).with("name", name);
	}

	public ResourceNotFound(String kind, String name, String scope) {
		super(kind + " '" + name + "' not found in " + scope);
		with("kind", kind).with("name", name);
	}

	@Override
	public int status() {
		return 404;
	}

	@Override
	public String slug() {
		return "not-found";
	}

	@Override
	public String title() {
		return "Not found";
	}
}
