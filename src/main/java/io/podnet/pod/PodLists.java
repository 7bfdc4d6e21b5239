package io.podnet.pod;

import io.podnet.database.ReadSnapshot;
import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeLog;
import io.podnet.watch.WatchFilter;
import io.podnet.labels.Labels;
import tools.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.podnet.api.ItemList;
import io.podnet.api.Paging;
import io.podnet.api.Paging.KeysetReader;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterService;
import io.podnet.ipam.Addresses;
import io.podnet.labels.FieldSelector;
import io.podnet.labels.LabelSelector;
import io.podnet.labels.Requirement;
import io.podnet.node.Node;
import io.podnet.node.NodeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pod lists, a page at a time by (namespace, name), narrowed by namespace, node, label selector and
 * field selector. Each list is read from the narrowest source that holds every pod it may select:
 * the one pod with a given IP; a node's pods; the label index, for a selector that names a label's
 * values (app=web, tier in (web,api)); else the namespace's or the cluster's pods. What the source
 * returns is then checked against every condition ({@link Paging#select}).
 */
@Service
class PodLists {

	/** The fields a pod field selector may name, as Kubernetes' pod field selectors. */
	static final List<String> FIELDS = List.of("metadata.name", "metadata.namespace", "spec.nodeName", "status.podIP");
	private static final String FIELD_SELECTOR = "fieldSelector";

	private final PodRepository pods;
	private final PodLabels labels;
	private final ClusterService clusters;
	private final NodeService nodes;
	private final ChangeLog changes;
	private final ReadSnapshot snapshot;

	PodLists(PodRepository pods, PodLabels labels, ClusterService clusters, NodeService nodes, ChangeLog changes,
			ReadSnapshot snapshot) {
		this.changes = changes;
		this.snapshot = snapshot;
		this.pods = pods;
		this.labels = labels;
		this.clusters = clusters;
		this.nodes = nodes;
	}

	/** What a list asks for, besides the page. */
	record Query(String namespace, String nodeName, LabelSelector selector, FieldSelector fields) {

		static Query of(String namespace, String nodeName, LabelSelector selector, String fieldSelector) {
			return new Query(namespace, nodeName, selector, FieldSelector.parse(FIELD_SELECTOR, fieldSelector, FIELDS));
		}

		/** The same test on a pod as a GET answers it (a watch event's object). */
		boolean selects(JsonNode pod) {
			return (namespace == null || namespace.equals(pod.path("namespace").asString()))
					&& (nodeName == null || nodeName.equals(pod.path("nodeName").asString()))
					&& (selector.isEmpty() || selector.matches(Labels.ofView(pod))) && fields.matches(field -> field(pod, field));
		}

		private static String field(JsonNode pod, String field) {
			return switch (field) {
				case "metadata.name" -> pod.path("name").asString();
				case "metadata.namespace" -> pod.path("namespace").asString();
				case "spec.nodeName" -> pod.path("nodeName").asString();
				default -> pod.path("ip").asString();
			};
		}

		boolean filtered() {
			return !selector.isEmpty() || !fields.terms().isEmpty();
		}

		boolean selects(Pod pod) {
			return (namespace == null || namespace.equals(pod.getNamespace()))
					&& (nodeName == null || nodeName.equals(pod.getNode().getName()))
					&& selector.matches(pod.labels()) && fields.matches(field -> field(pod, field));
		}

		private static String field(Pod pod, String field) {
			return switch (field) {
				case "metadata.name" -> pod.getName();
				case "metadata.namespace" -> pod.getNamespace();
				case "spec.nodeName" -> pod.getNode().getName();
				default -> pod.getIp();
			};
		}
	}

	/**
	 * What a watch of a pod list follows: the pods the same list would show, checked as the list
	 * checks them (404 for a cluster or node that does not exist, 400 for a bad selector).
	 */
	@Transactional(readOnly = true)
	WatchFilter watch(String clusterName, String namespace, String nodeName, LabelSelector selector,
			String fieldSelector) {
		Cluster cluster = clusters.find(clusterName);
		if (nodeName != null) {
			nodes.find(clusterName, nodeName);
		}
		Query query = Query.of(namespace, nodeName, selector, fieldSelector);
		return WatchFilter.inCluster(ChangeKinds.POD, cluster.getId(), query::selects);
	}

	/** The namespace's pods by name, as of the list's resourceVersion (one snapshot). */
	ItemList<PodView> listNamespace(String clusterName, String namespace, Paging paging, LabelSelector selector,
			String fieldSelector) {
		return snapshot.read(() -> {
			long revision = changes.revision();
			Cluster cluster = clusters.find(clusterName);
			Query query = Query.of(namespace, null, selector, fieldSelector);
			KeysetReader<Pod> source = source(cluster, query);
			// this list's pages are keyed by name alone
			List<Pod> rows = paging.select((after, limit) -> source.read(List.of(namespace, after.get(0)), limit),
					query::selects, query.filtered(), p -> List.of(p.getName()));
			return paging.page(rows, p -> List.of(p.getName()), PodView::of).withResourceVersion(revision);
		});
	}

	/** All namespaces, or one node's pods, by namespace and name, as of the list's resourceVersion (one snapshot). */
	ItemList<PodView> listCluster(String clusterName, String nodeName, Paging paging, LabelSelector selector,
			String fieldSelector) {
		return snapshot.read(() -> {
			long revision = changes.revision();
			Cluster cluster = clusters.find(clusterName);
			if (nodeName != null) {
				nodes.find(clusterName, nodeName); // a node that does not exist is a 404, as before
			}
			Query query = Query.of(null, nodeName, selector, fieldSelector);
			List<Pod> rows = paging.select(source(cluster, query), query::selects, query.filtered(), PodLists::keys);
			return paging.page(rows, PodLists::keys, PodView::of).withResourceVersion(revision);
		});
	}

	private static List<String> keys(Pod pod) {
		return List.of(pod.getNamespace(), pod.getName());
	}

	/** The narrowest reader, by (namespace, name), of a set of pods that holds every pod the query selects. */
	private KeysetReader<Pod> source(Cluster cluster, Query query) {
		Optional<String> ip = query.fields().required("status.podIP");
		if (ip.isPresent()) {
			return byIp(cluster, ip.get());
		}
		String namespace = query.namespace() != null ? query.namespace()
				: query.fields().required("metadata.namespace").orElse(null);
		Optional<String> nodeName = Optional.ofNullable(query.nodeName()).or(() -> query.fields().required("spec.nodeName"));
		if (nodeName.isPresent()) {
			Optional<Node> node = nodes.withName(cluster, nodeName.get());
			return node.isEmpty() ? (after, limit) -> List.of() : onNode(node.get(), namespace);
		}
		Optional<Requirement> indexed = query.selector().byValue();
		if (indexed.isPresent()) {
			return byLabel(cluster, indexed.get(), namespace);
		}
		if (namespace != null) {
			return (after, limit) -> {
				String afterName = afterIn(namespace, after);
				return afterName == null ? List.of() : pods.findInNamespace(cluster, namespace, afterName, limit);
			};
		}
		return (after, limit) -> afterNamespaceAndName(after, limit,
				l -> pods.findInNamespace(cluster, after.get(0), after.get(1), l),
				l -> pods.findInClusterAfterNamespace(cluster, after.get(0), l));
	}

	/** The cluster's one pod with this IP (none if it is not an address), if it sorts after the keys. */
	private KeysetReader<Pod> byIp(Cluster cluster, String text) {
		IPAddress address = new IPAddressString(text).getAddress();
		return (after, limit) -> address == null || address.isPrefixed() ? List.<Pod>of()
				: pods.findByIp(cluster, Addresses.valueOf(address)).filter(p -> isAfter(p, after)).stream().toList();
	}

	private KeysetReader<Pod> onNode(Node node, String namespace) {
		if (namespace != null) {
			return (after, limit) -> {
				String afterName = afterIn(namespace, after);
				return afterName == null ? List.of() : pods.findOnNodeInNamespace(node, namespace, afterName, limit);
			};
		}
		return (after, limit) -> afterNamespaceAndName(after, limit,
				l -> pods.findOnNodeInNamespace(node, after.get(0), after.get(1), l),
				l -> pods.findOnNodeAfterNamespace(node, after.get(0), l));
	}

	/** The pods that the label index lists for the requirement's values, then read whole, in the index's order. */
	private KeysetReader<Pod> byLabel(Cluster cluster, Requirement requirement, String namespace) {
		return (after, limit) -> {
			String afterName = namespace == null ? after.get(1) : afterIn(namespace, after);
			if (afterName == null) {
				return List.of();
			}
			List<PodLabels.Entry> entries = labels.select(cluster.getId(), requirement.key(), requirement.values(),
					namespace, after.get(0), afterName, limit.max());
			Map<Long, Pod> byId = pods.findWithNodes(entries.stream().map(PodLabels.Entry::podId).toList()).stream()
					.collect(Collectors.toMap(Pod::getId, Function.identity()));
			// a pod deleted between the two reads is left out
			return entries.stream().map(e -> byId.get(e.podId())).filter(p -> p != null).toList();
		};
	}

	/**
	 * Where to continue in one namespace after the keys (namespace, name): after the name in that
	 * namespace, from its start if the keys are before it, nowhere (null) if they are past it.
	 */
	private static String afterIn(String namespace, List<String> after) {
		int order = namespace.compareTo(after.get(0));
		return order == 0 ? after.get(1) : order > 0 ? "" : null;
	}

	private static boolean isAfter(Pod pod, List<String> after) {
		int order = pod.getNamespace().compareTo(after.get(0));
		return order > 0 || order == 0 && pod.getName().compareTo(after.get(1)) > 0;
	}

	/** The rows after (namespace, name): the rest of that namespace, then as many of the later ones as fit. */
	private static List<Pod> afterNamespaceAndName(List<String> after, Limit limit,
			Function<Limit, List<Pod>> restOfNamespace, Function<Limit, List<Pod>> laterNamespaces) {
		List<Pod> rows = new ArrayList<>(after.get(0).isEmpty() ? List.of() : restOfNamespace.apply(limit));
		if (rows.size() < limit.max()) {
			rows.addAll(laterNamespaces.apply(Limit.of(limit.max() - rows.size())));
		}
		return rows;
	}
}
