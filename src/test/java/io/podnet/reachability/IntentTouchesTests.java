package io.podnet.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.ipam.Addresses;
import io.podnet.reachability.IntentRequest.Selector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which intents a write may break: those whose flows it can change, and no other. */
class IntentTouchesTests {

	/** An intent from the monitoring namespace's pods to these destinations. */
	private static Intent intent(String to) {
		Selector from = new Selector(null, null, "monitoring", null, null, null, null);
		Selector selector = switch (to) {
			case "pods" -> new Selector("*", null, null, null, null, null, null);
			case "namespace" -> new Selector(null, null, "kube-system", null, null, null, null);
			case "labels" -> new Selector(null, null, null, null, "app=db", null, null);
			case "quarantine" -> new Selector(null, null, null, null, null, "10.244.200.0/24", null);
			default -> new Selector(null, null, null, null, null, "0.0.0.0/0", List.of("10.244.0.0/16", "10.100.0.0/24"));
		};
		return Intent.of(new IntentRequest("i", from, selector, null, null, "ACCEPTED", null));
	}

	@ParameterizedTest(name = "{0}: {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			node added, in the pod and node networks      | node     | pods       | false
			node added                                    | node     | quarantine | false
			node added                                    | node     | no-leak    | false
			route to a quarantined prefix's part          | route-in | quarantine | true
			route around a quarantined prefix             | route-around | quarantine | true
			route elsewhere                               | route-out | quarantine | false
			route elsewhere, out of the cluster           | route-out | no-leak    | true
			route inside an exception                     | route-in | no-leak    | false
			route elsewhere                               | route-out | pods       | false
			pod in default added                          | pod      | pods       | true
			pod in default added                          | pod      | namespace  | false
			pod app=web added                             | pod      | labels     | false
			pod relabelled                                | relabel  | labels     | true
			pod in default added, its address not quarantined | pod  | quarantine | false
			pod in monitoring added: a new source         | source   | quarantine | true
			""")
	void aWriteMayChangeOnlyTheIntentsWhoseFlowsItTouches(String description, String write, String to, boolean touched) {
		IntentTouches touches = new IntentTouches();
		switch (write) {
			case "node" -> touches.node("10.100.0.9", "10.244.9.0/24");
			case "route-in" -> touches.route("10.244.200.0/25");
			case "route-around" -> touches.route("10.244.0.0/16");
			case "route-out" -> touches.route("192.168.0.0/16");
			default -> touches.pod(new IntentTouches.TouchedPod(write.equals("source") ? "monitoring" : "default", "web",
					"node-1",
					Addresses.valueOf(Addresses.parseAddress("ip", "10.244.0.5")), Map.of("app", "web"),
					write.equals("relabel")));
		}
		assertThat(touches.mayChange(intent(to))).isEqualTo(touched);
	}
}
