// The README's walk-through, driven through the TypeScript client that OpenAPI Generator
// (typescript-fetch) makes from openapi.yaml during the build (./mvnw generate-test-sources writes
// it to target/generated-clients/typescript). It is what a team building on podnet would write:
// typed requests and answers, refusals read as the spec's Problem.
//
//   PODNET_URL=http://localhost:8080 PODNET_TOKEN=$(cat data/admin-token) npm run walkthrough
//
// It needs an empty service (it creates the cluster "demo"), prints each step, and exits non-zero
// at the first answer a user would not expect. TypeScriptClientWalkthroughIT runs it in the build.
import assert from "node:assert/strict";
import {
  ClustersApi,
  Configuration,
  NodesApi,
  PathsApi,
  PodsApi,
  ProblemFromJSON,
  ResponseError,
  RoutesApi,
  type CreatePodRequest,
  type Path,
  type Problem,
} from "../../target/generated-clients/typescript/index";

const url = process.env.PODNET_URL ?? "http://localhost:8080";
const token = process.env.PODNET_TOKEN;
if (!token) {
  console.error("PODNET_TOKEN is not set: every request but health and the API docs needs a token");
  process.exit(2);
}

const config = new Configuration({ basePath: url, accessToken: token });
const clusters = new ClustersApi(config);
const nodes = new NodesApi(config);
const pods = new PodsApi(config);
const routes = new RoutesApi(config);
const paths = new PathsApi(config);

let steps = 0;
async function step(what: string, run: () => Promise<void>): Promise<void> {
  await run();
  steps++;
  console.log(`ok ${steps} - ${what}`);
}

/** The refusal a call gets, read as the spec's Problem; fails unless it is one with that status. */
async function problem(status: number, call: () => Promise<unknown>): Promise<Problem> {
  try {
    await call();
  } catch (e) {
    if (!(e instanceof ResponseError)) {
      throw e;
    }
    const body = await e.response.text();
    assert.equal(e.response.status, status, `status of the refusal: ${body}`);
    assert.match(e.response.headers.get("content-type") ?? "", /^application\/problem\+json/);
    return ProblemFromJSON(JSON.parse(body));
  }
  assert.fail(`expected a ${status} problem, the call succeeded`);
}

const hopsOf = (path: Path, field: "device" | "address" | "outInterface") =>
  (path.hops ?? []).map((hop) => hop[field]);

const webPod: CreatePodRequest = {
  name: "web",
  nodeName: "node-1",
  containers: [
    { name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }] },
    { name: "scrapyd", image: "scrapy/scrapyd", ports: [{ containerPort: 6800 }] },
  ],
};

// The generated client is plain TypeScript outside this package: tsx loads it as CommonJS, so the
// walk-through is one async function rather than top-level await.
async function main(): Promise<void> {
  await step("the article's cluster: gateway and node subnets filled in", async () => {
    const created = await clusters.createClusterRaw({
      createClusterRequest: { name: "demo", nodeNetwork: "10.100.0.0/24", podNetwork: "10.244.0.0/16" },
    });
    assert.equal(created.raw.status, 201);
    const cluster = await created.value();
    assert.equal(cluster.gateway, "10.100.0.1");
    assert.equal(cluster.ipFamily, "IPv4");
    assert.equal(cluster.nodeSubnetPrefixLength, 24);
    assert.equal(cluster.maxPodsPerNode, 110);
    assert.equal(cluster.nodeSubnets?.total, 256);
    assert.ok(cluster.createdAt instanceof Date, "createdAt is read as a Date");
  });

  await step("a bad input is a 422 Problem naming the field, the value and what is valid", async () => {
    const refused = await problem(422, () =>
      clusters.createCluster({
        createClusterRequest: { name: "other", nodeNetwork: "10.101.0.0/24", podNetwork: "10.245.0.1/16" },
      }),
    );
    assert.equal(refused.type, "urn:podnet:problem:invalid-value");
    assert.equal(refused.status, 422);
    assert.equal(refused.field, "podNetwork");
    assert.equal(refused.value, "10.245.0.1/16");
    assert.match(refused.detail ?? "", /10\.245\.0\.0\/16/);
    assert.ok(refused.title);
  });

  await step("two nodes: next free address, subnet and bridge each", async () => {
    const node1 = await nodes.createNodeRaw({ cluster: "demo", createNodeRequest: { name: "node-1" } });
    assert.equal(node1.raw.status, 201);
    const first = await node1.value();
    const second = await nodes.createNode({ cluster: "demo", createNodeRequest: { name: "node-2" } });
    assert.deepEqual(
      [first.address, first.podSubnet, first.bridge?.name, first.bridge?.address],
      ["10.100.0.2", "10.244.0.0/24", "cbr0", "10.244.0.1"],
    );
    assert.deepEqual([second.address, second.podSubnet, second.bridge?.address], ["10.100.0.3", "10.244.1.0/24", "10.244.1.1"]);
  });

  await step("the gateway's route table follows the nodes", async () => {
    const table = await routes.listGatewayRoutes({ cluster: "demo" });
    assert.deepEqual(
      table.map((route) => [route.destination, route.nextHop, route.type]),
      [
        ["10.100.0.0/24", undefined, "CONNECTED"],
        ["10.244.0.0/24", "10.100.0.2", "NODE"],
        ["10.244.1.0/24", "10.100.0.3", "NODE"],
      ],
    );
  });

  await step("the article's pod: nginx and scrapyd share eth0 10.244.0.2", async () => {
    const created = await pods.createPodRaw({ cluster: "demo", namespace: "default", createPodRequest: webPod });
    assert.equal(created.raw.status, 201);
    const web = await created.value();
    assert.equal(web.ip, "10.244.0.2");
    assert.equal(web.nodeName, "node-1");
    assert.deepEqual([web.network?._interface, web.network?.bridge, web.network?.gateway], ["eth0", "cbr0", "10.244.0.1"]);
    assert.equal(web.infraContainer?.name, "pause");
    assert.deepEqual(
      web.containers?.flatMap((container) => container.ports?.map((port) => `${port.containerPort}/${port.protocol}`)),
      ["80/TCP", "6800/TCP"],
    );
  });

  await step("nginx reaches scrapyd on localhost, inside the pod", async () => {
    const path = await paths.tracePath({ cluster: "demo", from: "default/web", to: "localhost", port: 6800 });
    assert.equal(path.disposition, "ACCEPTED");
    assert.equal(path.scope, "SAME_POD");
    assert.equal(path.destination?.address, "127.0.0.1");
    assert.equal(path.destination?.container, "scrapyd");
  });

  await step("a pod on the other node: db 10.244.1.2", async () => {
    const db = await pods.createPod({
      cluster: "demo",
      namespace: "default",
      createPodRequest: {
        name: "db",
        nodeName: "node-2",
        containers: [{ name: "postgres", image: "postgres:17", ports: [{ containerPort: 5432 }] }],
      },
    });
    assert.equal(db.ip, "10.244.1.2");
  });

  await step("web to db across nodes: pod, node-1, gateway, node-2, pod; TTL 61", async () => {
    const path = await paths.tracePath({ cluster: "demo", from: "default/web", to: "default/db", port: 5432, protocol: "TCP" });
    assert.equal(path.disposition, "ACCEPTED");
    assert.equal(path.scope, "CROSS_NODE");
    assert.equal(path.ttl, 61);
    assert.equal(path.source?.address, "10.244.0.2");
    assert.equal(path.destination?.container, "postgres");
    assert.deepEqual(hopsOf(path, "device"), ["pod default/web", "node-1", "gateway", "node-2", "pod default/db"]);
    assert.deepEqual(hopsOf(path, "address"), ["10.244.0.2", "10.244.0.1", "10.100.0.1", "10.100.0.3", "10.244.1.2"]);
    assert.deepEqual(hopsOf(path, "outInterface"), ["eth0", "eth0", "eth0", "cbr0", undefined]);
  });

  await step("a user route: a blackhole on the gateway changes the path", async () => {
    const added = await routes.createRouteRaw({ cluster: "demo", createRouteRequest: { destination: "10.244.200.0/24", type: "BLACKHOLE" } });
    assert.equal(added.raw.status, 201);
    assert.equal((await added.value()).type, "BLACKHOLE");
    const route = await routes.createRoute({ cluster: "demo", createRouteRequest: { destination: "192.168.0.0/16", nextHop: "10.100.0.3" } });
    assert.deepEqual([route.nextHop, route.device], ["10.100.0.3", "eth0"]);
    const path = await paths.tracePath({ cluster: "demo", from: "default/web", to: "10.244.200.7", port: 80, protocol: "TCP" });
    assert.equal(path.disposition, "NULL_ROUTED");
    assert.equal(path.hops?.at(-1)?.device, "gateway");
  });

  await step("conflicts are 409 Problems: an address taken, a node still in use", async () => {
    const taken = await problem(409, () =>
      nodes.createNode({ cluster: "demo", createNodeRequest: { name: "node-3", address: "10.100.0.2" } }),
    );
    assert.deepEqual([taken.type, taken.status, taken.field, taken.value], ["urn:podnet:problem:taken", 409, "address", "10.100.0.2"]);
    const inUse = await problem(409, () => nodes.deleteNode({ cluster: "demo", node: "node-1" }));
    assert.equal(inUse.type, "urn:podnet:problem:in-use");
    assert.equal((await nodes.getNode({ cluster: "demo", node: "node-1" })).address, "10.100.0.2");
  });

  await step("paging: limit 2 and continue until no continue is given", async () => {
    await pods.createPod({
      cluster: "demo",
      namespace: "default",
      createPodRequest: { name: "api", nodeName: "node-1", containers: [{ name: "api", image: "example/api:1" }] },
    });
    const pages: string[][] = [];
    let next: string | undefined;
    do {
      const page = await pods.listClusterPods({ cluster: "demo", limit: 2, _continue: next });
      pages.push((page.items ?? []).map((pod) => `${pod.namespace}/${pod.name}`));
      next = page.metadata?._continue;
    } while (next !== undefined);
    assert.deepEqual(pages, [["default/api", "default/db"], ["default/web"]]);
    const onNode1 = await pods.listClusterPods({ cluster: "demo", node: "node-1" });
    assert.deepEqual(onNode1.items?.map((pod) => pod.ip), ["10.244.0.3", "10.244.0.2"]);
  });

  await step("deletes answer 204 and what they deleted is gone", async () => {
    assert.equal((await pods.deletePodRaw({ cluster: "demo", namespace: "default", pod: "db" })).raw.status, 204);
    const gone = await problem(404, () => pods.getPod({ cluster: "demo", namespace: "default", pod: "db" }));
    assert.equal(gone.type, "urn:podnet:problem:not-found");
    for (const destination of ["10.244.200.0/24", "192.168.0.0/16"]) {
      assert.equal((await routes.deleteRouteRaw({ cluster: "demo", destination })).raw.status, 204);
    }
    assert.equal((await nodes.deleteNodeRaw({ cluster: "demo", node: "node-2" })).raw.status, 204);
    assert.equal((await nodes.deleteNodeRaw({ cluster: "demo", node: "node-1", cascade: true })).raw.status, 204);
    assert.deepEqual((await routes.listGatewayRoutes({ cluster: "demo" })).map((route) => route.type), ["CONNECTED"]);
    assert.equal((await clusters.deleteClusterRaw({ cluster: "demo" })).raw.status, 204);
    await problem(404, () => clusters.getCluster({ cluster: "demo" }));
  });

  console.log(`walk-through complete: ${steps} steps`);
}

main().catch(async (error: unknown) => {
  // an unexpected refusal: show what the service said, not only the client's "Response returned an error code"
  const answer = error instanceof ResponseError ? ` ${error.response.status} ${await error.response.text()}` : "";
  console.error(`not ok ${steps + 1}:${answer}`, error);
  process.exit(1);
});
