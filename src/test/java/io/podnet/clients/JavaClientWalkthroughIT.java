package io.podnet.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.podnet.client.ApiClient;
import io.podnet.client.ApiException;
import io.podnet.client.ApiResponse;
import io.podnet.client.api.ClustersApi;
import io.podnet.client.api.ClustersApi.APICreateClusterRequest;
import io.podnet.client.api.ClustersApi.APIDeleteClusterRequest;
import io.podnet.client.api.ClustersApi.APIGetClusterRequest;
import io.podnet.client.api.ClustersApi.APIListClustersRequest;
import io.podnet.client.api.NodesApi;
import io.podnet.client.api.NodesApi.APICreateNodeRequest;
import io.podnet.client.api.NodesApi.APIDeleteNodeRequest;
import io.podnet.client.api.NodesApi.APIGetNodeRequest;
import io.podnet.client.api.NodesApi.APIListNodesRequest;
import io.podnet.client.api.PathsApi;
import io.podnet.client.api.PathsApi.APITracePathRequest;
import io.podnet.client.api.PodsApi;
import io.podnet.client.api.PodsApi.APICreatePodRequest;
import io.podnet.client.api.PodsApi.APIDeletePodRequest;
import io.podnet.client.api.PodsApi.APIGetPodRequest;
import io.podnet.client.api.PodsApi.APIListClusterPodsRequest;
import io.podnet.client.api.RoutesApi;
import io.podnet.client.api.RoutesApi.APICreateRouteRequest;
import io.podnet.client.api.RoutesApi.APIDeleteRouteRequest;
import io.podnet.client.api.RoutesApi.APIListGatewayRoutesRequest;
import io.podnet.client.model.Cluster;
import io.podnet.client.model.ContainerPort;
import io.podnet.client.model.ContainerRequest;
import io.podnet.client.model.CreateClusterRequest;
import io.podnet.client.model.CreateNodeRequest;
import io.podnet.client.model.CreatePodRequest;
import io.podnet.client.model.CreateRouteRequest;
import io.podnet.client.model.Hop;
import io.podnet.client.model.ItemListPod;
import io.podnet.client.model.Node;
import io.podnet.client.model.Path;
import io.podnet.client.model.Pod;
import io.podnet.client.model.PortRequest;
import io.podnet.client.model.Problem;
import io.podnet.client.model.Route;
import io.podnet.support.Api;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's walk-through through the Java client that OpenAPI Generator (java, native) makes from
 * the committed openapi.yaml, as a platform team would use it: typed requests and answers, statuses
 * as the client reports them, refusals read as the spec's Problem. If the spec misdescribes an answer
 * (a status, a field, a type), this is where it shows. Calls take the generated request objects
 * (useSingleRequestParameter): a new optional parameter in the spec does not change their signature.
 */
class JavaClientWalkthroughIT extends IntegrationTest {

	private ApiClient client;
	private ClustersApi clusters;
	private NodesApi nodes;
	private PodsApi pods;
	private RoutesApi routes;
	private PathsApi paths;

	@BeforeEach
	void client() {
		// the native library has no bearer support of its own: every request gets the header here
		client = new ApiClient();
		client.updateBaseUri("http://localhost:" + port);
		client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + Api.ADMIN_TOKEN));
		clusters = new ClustersApi(client);
		nodes = new NodesApi(client);
		pods = new PodsApi(client);
		routes = new RoutesApi(client);
		paths = new PathsApi(client);
	}

	@Test
	void theArticlesClusterNodesAndPodAreCreatedWithTheirAddresses() throws ApiException {
		ApiResponse<Cluster> cluster = clusters.createClusterWithHttpInfo(
				APICreateClusterRequest.newBuilder().createClusterRequest(articleCluster()).build());
		assertThat(cluster.getStatusCode()).isEqualTo(201);
		assertThat(cluster.getData().getGateway()).isEqualTo("10.100.0.1");
		assertThat(cluster.getData().getIpFamily()).isEqualTo(Cluster.IpFamilyEnum.IPV4);
		assertThat(cluster.getData().getNodeSubnetPrefixLength()).isEqualTo(24);
		assertThat(cluster.getData().getMaxPodsPerNode()).isEqualTo(110);
		assertThat(cluster.getData().getNodeSubnets().getTotal()).isEqualTo(256);

		ApiResponse<Node> node1 = nodes.createNodeWithHttpInfo(node("node-1"));
		Node node2 = nodes.createNode(node("node-2"));
		assertThat(node1.getStatusCode()).isEqualTo(201);
		assertThat(node1.getData().getAddress()).isEqualTo("10.100.0.2");
		assertThat(node1.getData().getPodSubnet()).isEqualTo("10.244.0.0/24");
		assertThat(node1.getData().getBridge().getName()).isEqualTo("cbr0");
		assertThat(node1.getData().getBridge().getAddress()).isEqualTo("10.244.0.1");
		assertThat(node2.getAddress()).isEqualTo("10.100.0.3");
		assertThat(node2.getPodSubnet()).isEqualTo("10.244.1.0/24");
		assertThat(node2.getBridge().getAddress()).isEqualTo("10.244.1.1");

		assertThat(gatewayRoutes()).extracting(Route::getDestination, Route::getNextHop, Route::getType)
				.containsExactly(
						tuple("10.100.0.0/24", null, Route.TypeEnum.CONNECTED),
						tuple("10.244.0.0/24", "10.100.0.2", Route.TypeEnum.NODE),
						tuple("10.244.1.0/24", "10.100.0.3", Route.TypeEnum.NODE));

		ApiResponse<Pod> web = pods.createPodWithHttpInfo(pod(webPod()));
		assertThat(web.getStatusCode()).isEqualTo(201);
		assertThat(web.getData().getNodeName()).isEqualTo("node-1");
		assertThat(web.getData().getIp()).isEqualTo("10.244.0.2");
		assertThat(web.getData().getNetwork().getInterface()).isEqualTo("eth0");
		assertThat(web.getData().getNetwork().getBridge()).isEqualTo("cbr0");
		assertThat(web.getData().getNetwork().getGateway()).isEqualTo("10.244.0.1");
		assertThat(web.getData().getInfraContainer().getName()).isEqualTo("pause");
		assertThat(web.getData().getContainers()).flatExtracting(container -> container.getPorts())
				.extracting(ContainerPort::getContainerPort, ContainerPort::getProtocol)
				.containsExactly(tuple(80, "TCP"), tuple(6800, "TCP"));

		Path nginxToScrapyd = trace("default/web", "localhost", 6800);
		assertThat(nginxToScrapyd.getDisposition()).isEqualTo(Path.DispositionEnum.ACCEPTED);
		assertThat(nginxToScrapyd.getScope()).isEqualTo(Path.ScopeEnum.SAME_POD);
		assertThat(nginxToScrapyd.getDestination().getAddress()).isEqualTo("127.0.0.1");
		assertThat(nginxToScrapyd.getDestination().getContainer()).isEqualTo("scrapyd");
		assertThat(nginxToScrapyd.getHops()).extracting(Hop::getInInterface).containsExactly("lo");
	}

	@Test
	void theCrossNodePathGoesPodNodeGatewayNodePod() throws ApiException {
		twoNodesWithWebAndDb();

		Path webToDb = trace("default/web", "default/db", 5432);

		assertThat(webToDb.getDisposition()).isEqualTo(Path.DispositionEnum.ACCEPTED);
		assertThat(webToDb.getScope()).isEqualTo(Path.ScopeEnum.CROSS_NODE);
		assertThat(webToDb.getSource().getAddress()).isEqualTo("10.244.0.2");
		assertThat(webToDb.getDestination().getAddress()).isEqualTo("10.244.1.2");
		assertThat(webToDb.getDestination().getContainer()).isEqualTo("postgres");
		assertThat(webToDb.getTtl()).isEqualTo(61);
		assertThat(webToDb.getHops()).extracting(Hop::getDevice)
				.containsExactly("pod default/web", "node-1", "gateway", "node-2", "pod default/db");
		// what traceroute -n would print, and where each hop sends the packet on
		assertThat(webToDb.getHops()).extracting(Hop::getAddress)
				.containsExactly("10.244.0.2", "10.244.0.1", "10.100.0.1", "10.100.0.3", "10.244.1.2");
		assertThat(webToDb.getHops()).extracting(Hop::getOutInterface)
				.containsExactly("eth0", "eth0", "eth0", "cbr0", null);
		assertThat(webToDb.getHops()).extracting(Hop::getAction).containsExactly(Hop.ActionEnum.ORIGINATED,
				Hop.ActionEnum.ROUTED, Hop.ActionEnum.ROUTED, Hop.ActionEnum.ROUTED, Hop.ActionEnum.ACCEPTED);
	}

	@Test
	void aUserRouteChangesThePathAndGoesWithItsDelete() throws ApiException {
		twoNodesWithWebAndDb();

		ApiResponse<Route> blackhole = routes.createRouteWithHttpInfo(
				route(new CreateRouteRequest().destination("10.244.200.0/24").type("BLACKHOLE")));
		assertThat(blackhole.getStatusCode()).isEqualTo(201);
		assertThat(blackhole.getData().getType()).isEqualTo(Route.TypeEnum.BLACKHOLE);
		Route viaNode2 = routes.createRoute(
				route(new CreateRouteRequest().destination("192.168.0.0/16").nextHop("10.100.0.3")));
		assertThat(viaNode2.getNextHop()).isEqualTo("10.100.0.3");
		assertThat(viaNode2.getDevice()).isEqualTo("eth0");
		assertThat(gatewayRoutes()).extracting(Route::getDestination).contains("10.244.200.0/24", "192.168.0.0/16");

		Path intoTheBlackhole = trace("default/web", "10.244.200.7", 80);
		assertThat(intoTheBlackhole.getDisposition()).isEqualTo(Path.DispositionEnum.NULL_ROUTED);
		assertThat(intoTheBlackhole.getHops()).last().extracting(Hop::getDevice).isEqualTo("gateway");

		// the path parameter is "10.244.200.0/24": the client encodes the slash, as the README does by hand
		assertThat(deleteRoute("10.244.200.0/24").getStatusCode()).isEqualTo(204);
		assertThat(gatewayRoutes()).extracting(Route::getDestination).doesNotContain("10.244.200.0/24");
		assertThat(trace("default/web", "10.244.200.7", 80).getDisposition())
				.isNotEqualTo(Path.DispositionEnum.NULL_ROUTED);
	}

	@Test
	void conflictsAndBadInputAreTypedProblemsNamingFieldAndValue() throws ApiException {
		twoNodesWithWebAndDb();

		Problem taken = problem(409, () -> nodes.createNode(APICreateNodeRequest.newBuilder()
				.cluster("demo").createNodeRequest(new CreateNodeRequest().name("node-3").address("10.100.0.2")).build()));
		assertThat(taken.getType()).isEqualTo("urn:podnet:problem:taken");
		assertThat(taken.getStatus()).isEqualTo(409);
		assertThat(taken.getField()).isEqualTo("address");
		assertThat(taken.getValue()).isEqualTo("10.100.0.2");
		assertThat(taken.getDetail()).contains("node-1");

		Problem inUse = problem(409,
				() -> nodes.deleteNode(APIDeleteNodeRequest.newBuilder().cluster("demo").node("node-1").build()));
		assertThat(inUse.getType()).isEqualTo("urn:podnet:problem:in-use");
		assertThat(nodes.getNode(APIGetNodeRequest.newBuilder().cluster("demo").node("node-1").build()).getAddress())
				.as("the refused delete changed nothing")
				.isEqualTo("10.100.0.2");

		Problem hostBits = problem(422, () -> clusters.createCluster(APICreateClusterRequest.newBuilder()
				.createClusterRequest(new CreateClusterRequest().name("other").nodeNetwork("10.101.0.0/24")
						.podNetwork("10.245.0.1/16"))
				.build()));
		assertThat(hostBits.getType()).isEqualTo("urn:podnet:problem:invalid-value");
		assertThat(hostBits.getTitle()).isNotBlank();
		assertThat(hostBits.getStatus()).isEqualTo(422);
		assertThat(hostBits.getField()).isEqualTo("podNetwork");
		assertThat(hostBits.getValue()).isEqualTo("10.245.0.1/16");
		assertThat(hostBits.getDetail()).contains("10.245.0.0/16");
		assertThat(clusters.listClusters(APIListClustersRequest.newBuilder().build()).getItems()).extracting(Cluster::getName)
				.containsExactly("demo");
	}

	@Test
	void listsPageWithLimitAndContinue() throws ApiException {
		twoNodesWithWebAndDb();
		pods.createPod(pod(new CreatePodRequest().name("api").nodeName("node-1")
				.addContainersItem(new ContainerRequest().name("api").image("example/api:1"))));

		List<List<String>> pages = new ArrayList<>();
		String next = null;
		do {
			ItemListPod page = pods.listClusterPods(
					APIListClusterPodsRequest.newBuilder().cluster("demo").limit(2)._continue(next).build());
			pages.add(page.getItems().stream().map(pod -> pod.getNamespace() + "/" + pod.getName()).toList());
			next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
		} while (next != null);

		assertThat(pages).containsExactly(List.of("default/api", "default/db"), List.of("default/web"));
		assertThat(pods.listClusterPods(APIListClusterPodsRequest.newBuilder().cluster("demo").node("node-1").build()).getItems())
				.extracting(Pod::getIp)
				.containsExactly("10.244.0.3", "10.244.0.2");
		assertThat(nodes.listNodes(APIListNodesRequest.newBuilder().cluster("demo").limit(1).build()).getItems())
				.extracting(Node::getName).containsExactly("node-1");
	}

	@Test
	void deletesAnswer204AndTheDeletedIsGone() throws ApiException {
		twoNodesWithWebAndDb();
		routes.createRoute(route(new CreateRouteRequest().destination("192.168.0.0/16").nextHop("10.100.0.3")));

		assertThat(pods.deletePodWithHttpInfo(
				APIDeletePodRequest.newBuilder().cluster("demo").namespace("default").pod("db").build()).getStatusCode())
				.isEqualTo(204);
		assertThat(problem(404, () -> pods.getPod(
				APIGetPodRequest.newBuilder().cluster("demo").namespace("default").pod("db").build())).getType())
				.isEqualTo("urn:podnet:problem:not-found");
		assertThat(deleteRoute("192.168.0.0/16").getStatusCode()).isEqualTo(204);
		assertThat(nodes.deleteNodeWithHttpInfo(APIDeleteNodeRequest.newBuilder().cluster("demo").node("node-2").build())
				.getStatusCode()).isEqualTo(204);
		assertThat(nodes.deleteNodeWithHttpInfo(
				APIDeleteNodeRequest.newBuilder().cluster("demo").node("node-1").cascade(true).build()).getStatusCode())
				.as("cascade: with its pod web")
				.isEqualTo(204);
		assertThat(pods.listClusterPods(APIListClusterPodsRequest.newBuilder().cluster("demo").build()).getItems()).isEmpty();
		assertThat(gatewayRoutes()).extracting(Route::getType).containsExactly(Route.TypeEnum.CONNECTED);
		assertThat(clusters.deleteClusterWithHttpInfo(APIDeleteClusterRequest.newBuilder().cluster("demo").build())
				.getStatusCode()).isEqualTo(204);
		assertThat(problem(404, () -> clusters.getCluster(APIGetClusterRequest.newBuilder().cluster("demo").build()))
				.getDetail()).contains("demo");
	}

	/** The article's cluster, its two nodes, web (nginx + scrapyd) on node-1 and db on node-2. */
	private void twoNodesWithWebAndDb() throws ApiException {
		clusters.createCluster(APICreateClusterRequest.newBuilder().createClusterRequest(articleCluster()).build());
		nodes.createNode(node("node-1"));
		nodes.createNode(node("node-2"));
		pods.createPod(pod(webPod()));
		Pod db = pods.createPod(pod(new CreatePodRequest().name("db").nodeName("node-2")
				.addContainersItem(new ContainerRequest().name("postgres").image("postgres:17")
						.addPortsItem(new PortRequest().containerPort(5432)))));
		assertThat(db.getIp()).isEqualTo("10.244.1.2");
	}

	private static CreateClusterRequest articleCluster() {
		return new CreateClusterRequest().name("demo").nodeNetwork("10.100.0.0/24").podNetwork("10.244.0.0/16");
	}

	private static CreatePodRequest webPod() {
		return new CreatePodRequest().name("web").nodeName("node-1")
				.addContainersItem(new ContainerRequest().name("nginx").image("nginx:1.27")
						.addPortsItem(new PortRequest().containerPort(80)))
				.addContainersItem(new ContainerRequest().name("scrapyd").image("scrapy/scrapyd")
						.addPortsItem(new PortRequest().containerPort(6800)));
	}

	private static APICreateNodeRequest node(String name) {
		return APICreateNodeRequest.newBuilder().cluster("demo").createNodeRequest(new CreateNodeRequest().name(name))
				.build();
	}

	private static APICreatePodRequest pod(CreatePodRequest pod) {
		return APICreatePodRequest.newBuilder().cluster("demo").namespace("default").createPodRequest(pod).build();
	}

	private static APICreateRouteRequest route(CreateRouteRequest route) {
		return APICreateRouteRequest.newBuilder().cluster("demo").createRouteRequest(route).build();
	}

	private List<Route> gatewayRoutes() throws ApiException {
		return routes.listGatewayRoutes(APIListGatewayRoutesRequest.newBuilder().cluster("demo").build());
	}

	private ApiResponse<Void> deleteRoute(String destination) throws ApiException {
		return routes.deleteRouteWithHttpInfo(APIDeleteRouteRequest.newBuilder().cluster("demo").destination(destination).build());
	}

	/** {@code GET /paths}: from a pod to a pod, an address or localhost, over TCP. */
	private Path trace(String from, String to, int port) throws ApiException {
		return paths.tracePath(
				APITracePathRequest.newBuilder().cluster("demo").from(from).to(to).port(port).protocol("TCP").build());
	}

	/**
	 * The refusal the call gets, read as the spec's Problem with the client's own mapper: a client
	 * that branches on type, field and value needs no hand-written error class.
	 */
	private Problem problem(int status, ThrowingCallable call) {
		ApiException refused = catchThrowableOfType(ApiException.class, call);
		assertThat(refused).as("refused with %d", status).isNotNull();
		assertThat(refused.getCode()).as(refused.getResponseBody()).isEqualTo(status);
		assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		try {
			return client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new AssertionError("not a problem document: " + refused.getResponseBody(), e);
		}
	}
}
