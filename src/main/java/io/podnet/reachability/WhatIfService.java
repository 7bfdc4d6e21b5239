package io.podnet.reachability;

import io.podnet.ipam.Addresses;
import io.podnet.node.CreateNodeRequest;
import io.podnet.node.NodeService;
import io.podnet.pod.PodRef;
import io.podnet.pod.PodService;
import io.podnet.problem.InvalidValue;
import io.podnet.problem.Problem;
import io.podnet.reachability.ClassDiff.Changed;
import io.podnet.reachability.ReachabilityService.Question;
import io.podnet.reachability.ReachabilityService.Read;
import io.podnet.routing.CreateRouteRequest;
import io.podnet.routing.UserRoutes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * "What would these changes do?": reads the cluster, applies the changes through the same services
 * the API writes with (so the same validation, locks and allocation), reads it again, and rolls the
 * whole transaction back, as a dry run does (api/DryRunWrites): nothing is stored and no allocator
 * cursor moves. Both answers are then computed outside the transaction and compared class by class.
 */
@Service
class WhatIfService {

	private final ReachabilityService reachability;
	private final UserRoutes routes;
	private final NodeService nodes;
	private final PodService pods;
	private final Validator validator;
	private final JsonMapper json;
	private final TransactionTemplate rolledBack;

	WhatIfService(ReachabilityService reachability, UserRoutes routes, NodeService nodes, PodService pods,
			Validator validator, JsonMapper json, PlatformTransactionManager transactions) {
		this.reachability = reachability;
		this.routes = routes;
		this.nodes = nodes;
		this.pods = pods;
		this.validator = validator;
		this.json = json;
		this.rolledBack = new TransactionTemplate(transactions);
	}

	private record Plans(Read before, Read after) {
	}

	WhatIfView answer(String cluster, WhatIfRequest request) {
		Question question = Question.parse(request.port(), request.protocol(), request.from(), request.to());
		List<WhatIfRequest.Change> changes = request.changes() == null ? List.of() : request.changes();
		Plans plans = rolledBack.execute(status -> {
			status.setRollbackOnly();
			Read before = reachability.read(cluster, question);
			for (int i = 0; i < changes.size(); i++) {
				apply(cluster, i, changes.get(i));
			}
			// the changes reach the database before the plan is read again with plain SQL
			status.flush();
			return new Plans(before, reachability.read(cluster, question));
		});
		// each side's address classes cut by the other's prefixes too: a class is the same addresses on both
		// sides, so a route deleted or a node added compares like with like (not a prefix's first free
		// address before with one that a new node's subnet has taken since)
		ClassTracer before = question.classes(plans.before().plan(), ClassTracer.cutsOf(plans.after().plan()));
		ClassTracer after = question.classes(plans.after().plan(), ClassTracer.cutsOf(plans.before().plan()));
		List<TracedClass> was = before.run();
		List<TracedClass> is = after.run();
		Reachability answerBefore = Reachability.of(plans.before().plan(), was);
		Reachability answerAfter = Reachability.of(plans.after().plan(), is);
		List<WhatIfView.ChangedClass> changed = ClassDiff.between(was, is).stream()
				.map(c -> regrouped(c, before, after)).filter(ClassDiff.Changed::changes)
				.map(c -> view(c, before, after)).toList();
		return new WhatIfView(cluster, plans.before().resourceVersion(), question.port(),
				question.port() == null ? null : question.protocol().name(),
				new WhatIfView.Totals(answerBefore.allReachable(), answerBefore.pairs()),
				new WhatIfView.Totals(answerAfter.allReachable(), answerAfter.pairs()), changed);
	}

	/**
	 * An address class that the changes make or remove, with the side it lacks filled in: its
	 * addresses belonged to other classes there (a route deleted: its prefix falls to a shorter one),
	 * so the flow to its example address is decided on that side too. Pods' classes stay one-sided.
	 */
	private static Changed regrouped(Changed changed, ClassTracer before, ClassTracer after) {
		if (changed.before() == null) {
			return new Changed(changed.key(), before.counterpart(changed.after()).orElse(null), changed.after());
		}
		if (changed.after() == null) {
			return new Changed(changed.key(), changed.before(), after.counterpart(changed.before()).orElse(null));
		}
		return changed;
	}

	private static WhatIfView.ChangedClass view(Changed changed, ClassTracer before, ClassTracer after) {
		ClassDiff.Key key = changed.key();
		return new WhatIfView.ChangedClass(key.scope(), key.kind(), key.node(), key.prefix(),
				side(changed.before(), before), side(changed.after(), after));
	}

	private static WhatIfView.Side side(TracedClass traced, ClassTracer classes) {
		if (traced == null) {
			return null;
		}
		return new WhatIfView.Side(traced.trace().disposition(), traced.pairs(), traced.source().name(),
				Addresses.format(traced.flow().destination()), classes.narrate(traced.flow()).explanation());
	}

	/** One change, through the service its endpoint uses; refused as that endpoint would, naming the change. */
	private void apply(String cluster, int index, WhatIfRequest.Change change) {
		String what = describe(change);
		try {
			String action = change.action() == null ? "" : change.action();
			int targets = (change.route() == null ? 0 : 1) + (change.node() == null ? 0 : 1) + (change.pod() == null ? 0 : 1);
			if (targets != 1) {
				throw new InvalidValue("changes[" + index + "]", what, "names " + targets + " things; expected exactly "
						+ "one of route, node and pod");
			}
			switch (action) {
				case "add" -> add(cluster, index, change);
				case "delete" -> delete(cluster, index, change);
				default -> throw new InvalidValue("changes[" + index + "].action", change.action(),
						"is not an action; expected add or delete");
			}
		} catch (ChangeRefused refused) {
			throw refused;
		} catch (Problem problem) {
			throw new ChangeRefused(index, what, problem);
		}
	}

	private void add(String cluster, int index, WhatIfRequest.Change change) {
		if (change.route() != null) {
			routes.add(cluster, request(index, "route", change.route(), CreateRouteRequest.class));
		} else if (change.node() != null) {
			nodes.create(cluster, request(index, "node", change.node(), CreateNodeRequest.class));
		} else {
			throw new InvalidValue("changes[" + index + "].pod", change.pod(), "cannot be added here; pods are only "
					+ "deleted in a what-if (a new pod changes no route)");
		}
	}

	private void delete(String cluster, int index, WhatIfRequest.Change change) {
		if (change.route() != null) {
			routes.delete(cluster, text(index, "route", change.route()), null);
		} else if (change.node() != null) {
			nodes.delete(cluster, text(index, "node", change.node()), false, null);
		} else {
			PodRef pod = PodRef.parse(change.pod()).orElseThrow(() -> new InvalidValue("changes[" + index + "].pod",
					change.pod(), "is not a pod; expected namespace/name, e.g. default/web"));
			pods.delete(cluster, pod.namespace(), pod.name(), null);
		}
	}

	/** The request body the endpoint would take, checked as its @Valid would check it. */
	private <T> T request(int index, String part, Object body, Class<T> type) {
		String field = "changes[" + index + "]." + part;
		if (!(body instanceof Map)) {
			throw new InvalidValue(field, body.toString(), "is not an object; to add, give the " + part
					+ " as its endpoint takes it");
		}
		T request;
		try {
			request = json.convertValue(body, type);
		} catch (RuntimeException e) {
			throw new InvalidValue(field, body.toString(), "is not a " + part + " its endpoint would take");
		}
		Set<ConstraintViolation<T>> violations = validator.validate(request);
		if (!violations.isEmpty()) {
			ConstraintViolation<T> first = violations.iterator().next();
			throw new InvalidValue(field + "." + first.getPropertyPath(), first.getInvalidValue(), first.getMessage());
		}
		return request;
	}

	private static String text(int index, String part, Object value) {
		if (!(value instanceof String name)) {
			throw new InvalidValue("changes[" + index + "]." + part, value.toString(), "is not a name; to delete, give "
					+ (part.equals("route") ? "the route's destination, e.g. 10.244.200.0/24" : "the node's name"));
		}
		return name;
	}

	private static String describe(WhatIfRequest.Change change) {
		String target = change.route() != null ? "route " + change.route()
				: change.node() != null ? "node " + change.node() : "pod " + change.pod();
		return change.action() + " " + target;
	}
}
