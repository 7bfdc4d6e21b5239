package io.podnet.web;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Every refusal is RFC 9457 problem+json with status, title and a detail that says what was wrong;
 * status codes as Kubernetes uses them; bad input never gets a 5xx and changes nothing.
 */
class ErrorsIT extends IntegrationTest {

	private static final String CLUSTERS = "/api/v1/clusters";
	private static final String NODES = "/api/v1/clusters/demo/nodes";

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# description                          | path                      | body                                                                                      | status | field                  | the detail says
			malformed JSON                          | /api/v1/clusters          | {'name':'demo',                                                                           | 400    | -                      | malformed JSON
			not JSON at all                         | /api/v1/clusters          | name=demo                                                                                 | 400    | -                      | malformed JSON
			trailing garbage after the object       | /api/v1/clusters          | {'name':'x','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16'} }                      | 400    | -                      | -
			a misspelt field                        | /api/v1/clusters          | {'name':'x','nodeNetwork':'10.1.0.0/24','podNetwrk':'10.2.0.0/16'}                         | 400    | podNetwrk              | unknown field 'podNetwrk'
			an unknown field on a node              | /api/v1/clusters/demo/nodes | {'name':'node-1','podCidr':'10.244.0.0/24'}                                             | 400    | podCidr                | unknown field 'podCidr'
			a string for a number                   | /api/v1/clusters          | {'name':'x','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16','maxPodsPerNode':'110'}  | 400    | maxPodsPerNode         | wrong type
			a fraction for an integer               | /api/v1/clusters          | {'name':'x','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16','nodeSubnetPrefixLength':24.5} | 400 | nodeSubnetPrefixLength | -
			an object for a string                  | /api/v1/clusters          | {'name':'x','nodeNetwork':{'cidr':'10.1.0.0/24'},'podNetwork':'10.2.0.0/16'}               | 400    | nodeNetwork            | wrong type
			an array for a string                   | /api/v1/clusters/demo/nodes | {'name':['node-1']}                                                                     | 400    | name                   | wrong type
			an array instead of an object           | /api/v1/clusters          | []                                                                                        | 400    | -                      | -
			a JSON string instead of an object      | /api/v1/clusters          | "demo"                                                                                    | 400    | -                      | -
			JSON null                               | /api/v1/clusters          | null                                                                                      | 400    | -                      | -
			missing required field                  | /api/v1/clusters          | {'name':'x','nodeNetwork':'10.1.0.0/24'}                                                  | 422    | -                      | podNetwork
			explicit null for a required field      | /api/v1/clusters          | {'name':null,'nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16'}                       | 422    | -                      | name
			an empty object                         | /api/v1/clusters          | {}                                                                                        | 422    | -                      | name
			""")
	void badBodiesAreRefusedWithAProblem(String description, String path, String body, int status, String field,
			String detail) {
		cluster();
		String before = state();

		Reply refused = api.post(path, json(body));

		assertProblem(refused, status);
		if (field != null) {
			assertThat(refused.text("field")).isEqualTo(field);
			assertThat(refused.text("detail")).contains(field);
		}
		if (detail != null) {
			assertThat(refused.text("detail")).contains(detail);
		}
		assertThat(state()).as("nothing changed").isEqualTo(before);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                 | path                        | body
			a number for the cluster name  | /api/v1/clusters            | {'name':42,'nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16'}
			a fraction for a network       | /api/v1/clusters            | {'name':'x','nodeNetwork':10.1,'podNetwork':'10.2.0.0/16'}
			a boolean for a node address   | /api/v1/clusters/demo/nodes | {'name':'node-1','address':true}
			a number for a node name       | /api/v1/clusters/demo/nodes | {'name':1}
			""")
	void numbersAndBooleansAreNotTakenAsStrings(String description, String path, String body) {
		// strict like Kubernetes: {"name":42} is a wrong type, not the name "42"
		cluster();
		String before = state();

		Reply refused = api.post(path, json(body));

		assertProblem(refused, 400);
		assertThat(refused.text("detail")).contains("wrong type");
		assertThat(state()).as("nothing changed").isEqualTo(before);
	}

	@Test
	void missingRequiredFieldsAreAllNamed() {
		Reply refused = api.post(CLUSTERS, "{}");

		assertProblem(refused, 422);
		JsonNode errors = refused.json().path("errors");
		List<String> fields = new java.util.ArrayList<>();
		errors.forEach(error -> fields.add(error.path("field").asString()));
		assertThat(fields).contains("name", "nodeNetwork", "podNetwork");
		assertThat(refused.text("detail")).contains("name").contains("nodeNetwork").contains("podNetwork");
	}

	@Test
	void unknownFieldAnswerListsTheKnownOnes() {
		Reply refused = api.post(CLUSTERS, json("{'name':'x','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16','gw':'10.1.0.1'}"));

		assertProblem(refused, 400);
		assertThat(refused.text("detail")).contains("'gw'").contains("gateway").contains("nodeSubnetPrefixLength");
	}

	@Test
	void emptyBodyIsABadRequest() {
		Reply refused = api.send("POST", CLUSTERS, "application/json", "");

		assertProblem(refused, 400);
		assertThat(api.get(CLUSTERS).json().path("items").size()).isZero();
	}

	@Test
	void noBodyAtAllIsABadRequest() {
		cluster();

		assertProblem(api.send("POST", NODES, "application/json", null), 400);
	}

	@Test
	void wrongContentTypeIsUnsupportedMediaType() {
		Reply refused = api.send("POST", CLUSTERS, "text/plain",
				json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));

		assertProblem(refused, 415);
		assertThat(api.get(CLUSTERS + "/demo").status()).isEqualTo(404);
	}

	@Test
	void formEncodedBodyIsUnsupportedMediaType() {
		assertProblem(api.send("POST", CLUSTERS, "application/x-www-form-urlencoded", "name=demo"), 415);
	}

	@Test
	void unknownPathIsANotFoundProblem() {
		assertProblem(api.get("/api/v1/clusterz"), 404);
		assertProblem(api.get("/api/v2/clusters"), 404);
		assertProblem(api.post("/api/v1/nope", "{}"), 404);
	}

	@Test
	void unsupportedMethodIsAProblem() {
		cluster();

		assertProblem(api.send("PUT", CLUSTERS + "/demo", "application/json", "{}"), 405);
		assertProblem(api.send("PATCH", NODES, "application/json", "{}"), 405);
	}

	@Test
	void notFoundAnswersAreProblems() {
		cluster();

		Reply noCluster = api.get(CLUSTERS + "/nope");
		Reply noNode = api.get(NODES + "/nope");

		assertProblem(noCluster, 404);
		assertProblem(noNode, 404);
		assertThat(noCluster.text("title")).isEqualTo("Not found");
		assertThat(noCluster.text("type")).isEqualTo("urn:podnet:problem:not-found");
	}

	@Test
	void conflictsAreProblemsWithATypeScriptsCanBranchOn() {
		cluster();
		api.post(NODES, json("{'name':'node-1'}"));

		Reply exists = api.post(NODES, json("{'name':'node-1'}"));
		Reply taken = api.post(NODES, json("{'name':'node-2','address':'10.100.0.2'}"));
		Reply inUse = api.delete(CLUSTERS + "/demo");

		assertProblem(exists, 409);
		assertProblem(taken, 409);
		assertProblem(inUse, 409);
		assertThat(List.of(exists.text("type"), taken.text("type"), inUse.text("type"))).containsExactly(
				"urn:podnet:problem:already-exists", "urn:podnet:problem:taken", "urn:podnet:problem:in-use");
	}

	@Test
	void exhaustionIsAProblemOfItsOwnType() {
		api.post(CLUSTERS, json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/24'}"));
		api.post(NODES, json("{'name':'node-1'}"));

		Reply exhausted = api.post(NODES, json("{'name':'node-2'}"));

		assertProblem(exhausted, 409);
		assertThat(exhausted.text("type")).isEqualTo("urn:podnet:problem:exhausted");
	}

	@Test
	void invalidValueProblemNamesFieldAndValue() {
		Reply refused = api.post(CLUSTERS,
				json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.1/16'}"));

		assertProblem(refused, 422);
		assertThat(refused.text("type")).isEqualTo("urn:podnet:problem:invalid-value");
		assertThat(refused.text("field")).isEqualTo("podNetwork");
		assertThat(refused.text("value")).isEqualTo("10.244.0.1/16");
		assertThat(refused.text("detail")).isEqualTo("podNetwork: '10.244.0.1/16' has host bits set; did you mean 10.244.0.0/16?");
	}

	@Test
	void rejectedNodeRequestChangesNothingNotEvenTheCursors() {
		cluster();
		api.post(NODES, json("{'name':'node-1'}"));
		String before = state();

		// the address is allocated first, then the requested subnet turns out to be taken: all rolled back
		assertProblem(api.post(NODES, json("{'name':'node-x','podSubnet':'10.244.0.0/24'}")), 409);
		assertProblem(api.post(NODES, json("{'name':'node-y','podSubnet':'10.245.0.0/24'}")), 422);
		assertProblem(api.post(NODES, json("{'name':'node-z','address':'10.100.0.2'}")), 409);
		assertThat(state()).isEqualTo(before);

		Reply next = api.post(NODES, json("{'name':'node-2'}"));
		assertThat(next.text("address")).as("the address cursor did not move").isEqualTo("10.100.0.3");
		assertThat(next.text("podSubnet")).as("the subnet cursor did not move").isEqualTo("10.244.1.0/24");
	}

	@Test
	void rejectedClusterRequestChangesNothing() {
		cluster();
		String before = state();

		assertProblem(api.post(CLUSTERS, json("{'name':'demo','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16'}")), 409);
		assertProblem(api.post(CLUSTERS, json("{'name':'other','nodeNetwork':'10.1.0.0/24','podNetwork':'10.1.0.0/16'}")), 422);
		assertProblem(api.delete(CLUSTERS + "/other"), 404);

		assertThat(state()).isEqualTo(before);
	}

	@ParameterizedTest(name = "[{0}]")
	@CsvSource(delimiter = '|', textBlock = """
			# odd value that must never crash the service
			0.0.0.0/0
			::/0
			255.255.255.255/32
			ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128
			10.0.0.0/8%eth0
			::ffff:10.244.0.0/112
			1.2.3.4/24/24
			'  '
			%00
			1e3
			/16
			""")
	void oddNetworksNeverGetAServerError(String value) {
		Reply reply = api.post(CLUSTERS, json("{'name':'odd','nodeNetwork':'" + value + "','podNetwork':'10.244.0.0/16'}"));
		Reply asPod = api.post(CLUSTERS, json("{'name':'odd2','nodeNetwork':'10.100.0.0/24','podNetwork':'" + value + "'}"));

		assertThat(reply.status()).as(reply.toString()).isLessThan(500);
		assertThat(asPod.status()).as(asPod.toString()).isLessThan(500);
		assertThat(reply.isProblem() || reply.status() == 201).isTrue();
	}

	@Test
	void hugeNumbersNeverGetAServerError() {
		Reply reply = api.post(CLUSTERS, json("{'name':'x','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16',"
				+ "'maxPodsPerNode':99999999999999999999}"));
		Reply negative = api.post(CLUSTERS, json("{'name':'x','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16',"
				+ "'nodeSubnetPrefixLength':-24}"));

		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.isProblem()).isTrue();
		assertProblem(negative, 422);
	}

	private void assertProblem(Reply reply, int status) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
		assertThat(reply.isProblem()).as("content type of " + reply + ": " + reply.contentType()).isTrue();
		JsonNode body = reply.json();
		assertThat(body.path("status").asInt()).isEqualTo(status);
		assertThat(body.path("title").asString()).isNotBlank();
		assertThat(body.path("detail").asString()).isNotBlank();
	}

	private void cluster() {
		Reply created = api.post(CLUSTERS, json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	/** Everything a user can see, to compare before and after a refusal. */
	private String state() {
		StringBuilder state = new StringBuilder(api.get(CLUSTERS).body());
		api.get(CLUSTERS).json().path("items").forEach(cluster -> {
			String name = cluster.path("name").asString();
			state.append(api.get(CLUSTERS + "/" + name + "/nodes").body());
			state.append(api.get(CLUSTERS + "/" + name + "/routes").body());
		});
		return state.toString();
	}
}
