package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteKind;
import io.podnet.reachability.ReachabilityService.Question;
import io.podnet.reachability.ReachabilityService.Read;
import io.podnet.reachability.ReachabilityView.ClassView;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Decides whether an intent holds on the cluster as the caller's transaction sees it: the intent's
 * question answered class by class, as the reachability endpoint answers it, and every class whose
 * flows end otherwise than the intent expects is a broken one.
 */
@Component
class IntentCheck {

	/** The broken classes shown with an example each; the count says how many there are in all. */
	static final int SHOWN = 10;

	private final ReachabilityService reachability;

	IntentCheck(ReachabilityService reachability) {
		this.reachability = reachability;
	}

	/**
	 * How the intent stands.
	 *
	 * @param sourcePods how many pods its from selects
	 * @param destinationPods how many pods its to selects
	 * @param addresses whether its to holds addresses besides pods (a cidr)
	 * @param brokenClasses how many classes of flows break it
	 * @param broken the first {@link #SHOWN} of them, grouped as the reachability answer groups
	 */
	record Verdict(Intent intent, long sourcePods, long destinationPods, boolean addresses, int brokenClasses,
			List<ClassView> broken) {

		boolean holds() {
			return brokenClasses == 0;
		}
	}

	Verdict evaluate(String cluster, Intent intent) {
		Question question = intent.question();
		Read read = reachability.read(cluster, question, false);
		ClusterPlan plan = read.plan();
		ClassTracer classes = question.classes(plan);
		List<TracedClass> traced = classes.run();
		List<TracedClass> broken = traced.stream()
				.filter(c -> !intent.keptBy(c, intent.via() == null ? null : gatewayMatch(plan, c.flow().destination())))
				.toList();
		long sources = plan.groups().stream().mapToLong(PodGroup::sources).sum();
		long destinations = plan.groups().stream().mapToLong(PodGroup::destinations).sum();
		Rendering rendering = new Rendering(cluster, question.port(), question.protocol().name(), classes::narrate);
		List<ClassView> shown = Reachability.grouped(plan, broken).stream().limit(SHOWN).map(rendering::view).toList();
		return new Verdict(intent, sources, destinations, intent.to().includesAddresses(), broken.size(), shown);
	}

	/** The type of the gateway's route that the destination matches longest, or null for none. */
	private static RouteKind gatewayMatch(ClusterPlan plan, IPAddress destination) {
		Route best = null;
		for (Route route : plan.gatewayTable()) {
			if (route.destination().contains(destination) && (best == null
					|| route.destination().getNetworkPrefixLength() > best.destination().getNetworkPrefixLength())) {
				best = route;
			}
		}
		return best == null ? null : best.kind();
	}
}
