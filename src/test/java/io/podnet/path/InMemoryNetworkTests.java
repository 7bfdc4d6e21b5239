package io.podnet.path;

import io.podnet.kubenet.Route;
import io.podnet.kubenet.Family;
import io.podnet.kubenet.RouteSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The network's lookups: devices by name, neighbours by segment, bridges; and the conflicts it refuses. */
class InMemoryNetworkTests {

	@ParameterizedTest
	@EnumSource(Family.class)
	void findsANeighbourOnlyOnItsOwnSegment(Family family) {
		InMemoryNetwork network = ArticleCluster.article(family).network();

		assertThat(network.neighbour(ArticleCluster.NODE_NETWORK, family.address("10.100.0.3")))
				.map(owner -> owner.device().name() + " " + owner.attached().name())
				.contains("node-2 eth0");
		assertThat(network.neighbour("node-1 cbr0", family.address("10.244.0.3")))
				.map(owner -> owner.device().name())
				.contains("pod default/api");
		assertThat(network.neighbour("node-1 cbr0", family.address("10.100.0.3"))).as("node-2 is not on node-1's bridge").isEmpty();
		assertThat(network.neighbour("node-1 cbr0", family.address("10.244.1.2"))).as("db is on node-2's bridge").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void knowsWhichNodeBridgesEachPodSegment(Family family) {
		InMemoryNetwork network = ArticleCluster.article(family).network();

		assertThat(network.bridge("node-2 cbr0")).map(bridge -> bridge.device().name() + " " + bridge.attached().name())
				.contains("node-2 cbr0");
		assertThat(network.bridge(ArticleCluster.NODE_NETWORK)).as("the node network is a plain link").isEmpty();
	}

	@Test
	void refusesAnAddressOwnedTwiceOnOneSegment() {
		Family family = Family.IPv4;
		Device one = Device.node("node-1", List.of(Interface.ethernet("eth0", family.address("10.100.0.2/24"), "link")), List.of());
		Device two = Device.node("node-2", List.of(Interface.ethernet("eth0", family.address("10.100.0.2/24"), "link")), List.of());

		assertThatThrownBy(() -> InMemoryNetwork.of(one, two))
				.hasMessageContaining("10.100.0.2 is owned twice on link: by node-1 eth0 and node-2 eth0");
	}

	@Test
	void allowsTheSameAddressOnSeparateSegments() {
		Family family = Family.IPv4;
		Device one = Device.node("node-1", List.of(Interface.ethernet("eth0", family.address("10.100.0.2/24"), "a")), List.of());
		Device two = Device.node("node-2", List.of(Interface.ethernet("eth0", family.address("10.100.0.2/24"), "b")), List.of());

		assertThat(InMemoryNetwork.of(one, two).neighbour("b", family.address("10.100.0.2")))
				.map(owner -> owner.device().name()).contains("node-2");
	}

	@Test
	void refusesTwoDevicesWithOneName() {
		Device node = Device.node("node-1", List.of(), List.of());

		assertThatThrownBy(() -> InMemoryNetwork.of(node, node)).hasMessageContaining("two devices named node-1");
	}

	@Test
	void refusesARouteOutOfAnInterfaceTheDeviceDoesNotHave() {
		Route route = RouteSpec.parse(Family.IPv4, "10.244.0.0/24 dev cbr0");

		assertThatThrownBy(() -> Device.node("node-1", List.of(), List.of(route)))
				.hasMessageContaining("node-1 has route '10.244.0.0/24 dev cbr0' out of cbr0, an interface it does not have");
	}

	@Test
	void refusesAPortDeclaredTwiceInOnePod() {
		Interface eth0 = Interface.veth("eth0", Family.IPv4.address("10.244.0.2/24"), "node-1 cbr0", "vethA");
		List<ContainerPort> ports = List.of(new ContainerPort(80, Protocol.TCP, "web"), new ContainerPort(80, Protocol.TCP, "proxy"));

		assertThatThrownBy(() -> Device.pod("pod default/web", eth0, List.of(), ports))
				.hasMessageContaining("declares 80/TCP twice; the containers of a pod share one network stack");
		assertThat(Device.pod("pod default/web", eth0, List.of(),
				List.of(new ContainerPort(53, Protocol.TCP, "dns"), new ContainerPort(53, Protocol.UDP, "dns"))).ports())
				.as("one port, two protocols").hasSize(2);
	}

	@Test
	void refusesAHostVethNameLinuxWouldNotAccept() {
		assertThatThrownBy(() -> Interface.veth("eth0", Family.IPv4.address("10.244.0.2/24"), "s", "veth0123456789abc"))
				.hasMessageContaining("must be 1-15 characters");
	}
}
