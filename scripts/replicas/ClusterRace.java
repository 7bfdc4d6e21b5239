package replicas;

import static replicas.Http.call;
import static replicas.Http.parallel;
import static replicas.Options.cluster;
import static replicas.Options.replicas;
import static replicas.Violations.violation;

import java.util.List;

/** The first phase: the test's cluster, created by racing requests, one through each replica. */
final class ClusterRace {

	private ClusterRace() {
	}

	static void run() {
		String body = "{\"name\":\"" + cluster + "\",\"nodeNetwork\":\"10.100.0.0/24\",\"podNetwork\":\"10.0.0.0/14\","
				+ "\"nodeSubnetPrefixLength\":23,\"maxPodsPerNode\":500}";
		// the same cluster created through both replicas at once: exactly one 201
		List<Answer> answers = parallel(replicas.size(), i -> call("cluster.create", "POST", "/api/v1/clusters", body, i));
		long created = answers.stream().filter(a -> a.status() == 201).count();
		long conflicts = answers.stream().filter(a -> a.status() == 409).count();
		if (created != 1 || created + conflicts != answers.size()) {
			violation("racing cluster creates answered " + answers.stream().map(a -> a.status()).toList()
					+ "; expected one 201 and 409 for the others");
		}
		if (created == 0) {
			Answer again = call("cluster.create", "POST", "/api/v1/clusters", body, 0);
			if (again.status() != 201 && again.status() != 409) {
				throw new SetupFailure("cannot create cluster: " + again.status() + " " + again.body());
			}
		}
	}
}
