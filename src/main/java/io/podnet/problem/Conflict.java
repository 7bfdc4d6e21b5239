package io.podnet.problem;

import java.util.Optional;

/**
 * The request is well formed but clashes with the current state (409): the name or address is
 * taken, the resource is still in use, or the address space is exhausted. Subclasses name the
 * fact; the slug lets scripts branch on it.
 */
public class Conflict extends Problem {

	private final String slug;
	private final String title;

	protected Conflict(String slug, String title, String detail) {
		super(detail);
		this.slug = slug;
		this.title = title;
	}

	/** A resource of that kind and name exists already. */
	public static Conflict alreadyExists(String kind, String name, String scope) {
		return new Conflict("already-exists", "Already exists",
				kind + " '" + name + "' already exists" + (scope == null ? "" : " in " + scope)
						+ "; choose another name or delete the existing one first")
				.with("kind", kind).with("name", name);
	}

	/** A concurrent request created a resource of the same name first (caught by a unique constraint). */
	public static Conflict nameTakenConcurrently() {
		return new Conflict("already-exists", "Already exists", "a resource of that name was created by a concurrent "
				+ "request; nothing was changed. GET it, or choose another name");
	}

	/** The resource cannot go while something still depends on it. */
	public static Conflict inUse(String detail) {
		return new Conflict("in-use", "Still in use", detail);
	}

	/** The requested address or subnet belongs to someone else already. */
	public static Conflict taken(String field, String value, String holder) {
		return new Conflict("taken", "Already allocated",
				field + ": '" + value + "' is already allocated to " + holder)
				.with("field", field).with("value", value);
	}

	/**
	 * A write that names the resourceVersion it was made against, as Kubernetes' optimistic
	 * concurrency does, when the resource has moved on since.
	 */
	public static Conflict modified(String resource, String expected, String current) {
		return new Conflict("modified", "Modified concurrently", resource + " is at resourceVersion " + current
				+ " but the request was made against " + expected + "; GET it again and reapply the change")
				.with("currentResourceVersion", current);
	}

	/** The address spaces podnet hands out from, as an exhausted answer names them (its "pool"). */
	public enum Pool {
		/** the cluster's pod network, carved into node subnets */
		NODE_SUBNETS("node-subnets"),
		/** the cluster's node network */
		NODE_ADDRESSES("node-addresses"),
		/** a node's pod subnet and pod slots, or the cluster's nodes as a whole */
		POD_ADDRESSES("pod-addresses");

		private final String label;

		Pool(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}
	}

	/** There is nothing left to hand out in the pool: the answer names it, so that scripts and metrics can. */
	public static Conflict exhausted(Pool pool, String detail) {
		return new Conflict("exhausted", "Address space exhausted", detail).with("pool", pool.label());
	}

	/** The pool this answer found exhausted, if it is such an answer. */
	public Optional<String> exhaustedPool() {
		return slug.equals("exhausted") ? Optional.ofNullable((String) properties().get("pool"))
				: Optional.empty();
	}

	@Override
	public int status() {
		return 409;
	}

	@Override
	public String slug() {
		return slug;
	}

	@Override
	public String title() {
		return title;
	}

	@Override
	public Conflict with(String key, Object value) {
		super.with(key, value);
		return this;
	}
}
