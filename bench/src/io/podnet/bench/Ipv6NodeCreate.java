package io.podnet.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Node create in IPv6 pod networks of 2^32 and 2^8 node subnets (/32 and /56 split into /64):
 * finding a free node subnet must not cost more in a huge network than in a small one.
 */
final class Ipv6NodeCreate {

	private final Options o;
	private final Http http;
	private final Clients clients;
	private final Findings findings;

	Ipv6NodeCreate(Options o, Http http, Clients clients, Findings findings) {
		this.o = o;
		this.http = http;
		this.clients = clients;
		this.findings = findings;
	}

	/** Each round a fresh pair of clusters, alternating which goes first. */
	void run() throws Exception {
		List<Result> big = new ArrayList<>();
		List<Result> small = new ArrayList<>();
		// round 0 is a warm-up of the IPv6 code paths and is not recorded
		for (int round = 0; round <= o.v6Rounds; round++) {
			boolean bigFirst = round % 2 == 0;
			for (int which = 0; which < 2; which++) {
				boolean isBig = (which == 0) == bigFirst;
				Result r = createNodes(round, isBig);
				if (round > 0) {
					(isBig ? big : small).add(r);
				}
			}
		}
		findings.v6Big = Result.merge("node create, IPv6 2^32 node subnets", big);
		findings.v6Small = Result.merge("node create, IPv6 2^8 node subnets", small);
	}

	/** A fresh cluster with a big or a small IPv6 pod network, and its nodes. */
	private Result createNodes(int round, boolean isBig) throws Exception {
		String name = (isBig ? "v6-big-" : "v6-small-") + round;
		String podNetwork = isBig ? String.format("fd00:%x::/32", 0x100 + round)
				: String.format("fd00:%x::/56", 0x200 + round);
		String nodeNetwork = String.format("fd00:ffff:0:%x::/64", round * 2 + (isBig ? 0 : 1));
		Response cr = http.must("POST", Api.CLUSTERS, Api.clusterBody(name, nodeNetwork, podNetwork, 64));
		String total = Answers.group(Answers.TOTAL, cr.body());
		if (isBig) {
			findings.v6BigTotal = total;
		} else {
			findings.v6SmallTotal = total;
		}
		int count = round == 0 ? Math.min(50, o.v6Nodes) : o.v6Nodes;
		String cluster = Api.cluster(name);
		return clients.tasks((round == 0 ? "warm-up: " : "") + "IPv6 node create, " + (isBig ? "2^32" : "2^8")
				+ " subnets (" + name + ")", count,
				i -> http.call("POST", Api.nodes(cluster), Api.nodeBody("n-" + i)), null);
	}
}
