"""The cluster bench/compare.sh measures, the same in every build.

    python3 bench/compare-cluster.py load BASE NODES PODS_PER_NODE MAX_PODS_PER_NODE CONNECTIONS
    python3 bench/compare-cluster.py requests WORK NODES PODS_PER_NODE BASE...

load: cluster bench with nodes node-00001 ... (one after another, so every build hands out the same
addresses and subnets) and pod p-<i> in namespace ns-<i mod 10> on node node-<i mod NODES + 1>,
one container declaring port 80, no labels (builds from before labels accept the same bodies).
The node is named rather than left to podnet, so concurrent creates go to different nodes instead
of queueing for the emptiest one's lock. Any answer but 201 stops the load. (Not wrk: wrk may
build a request and never send it, and a load must not lose one.)

requests: WORK/get.txt (every node) and WORK/path.txt (1,000 pairs of pods on different nodes),
the lists paths.lua takes round robin, after checking that each service holds every pod and traces
a path between two nodes as ACCEPTED.
"""
import http.client
import itertools
import json
import os
import random
import sys
import threading
import urllib.parse

HEADERS = {"Authorization": "Bearer " + os.environ["TOKEN"], "Content-Type": "application/json"}


def connect(base):
    url = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=300)


def call(conn, method, path, body=None):
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=HEADERS)
    response = conn.getresponse()
    return response.status, response.read()


def create(conn, path, body):
    status, answer = call(conn, "POST", path, body)
    if status != 201:
        raise SystemExit("POST %s answered %d: %s" % (path, status, answer.decode(errors="replace")))


def load(base, nodes, per_node, max_pods, connections):
    conn = connect(base)
    create(conn, "/api/v1/clusters", {"name": "bench", "nodeNetwork": "10.0.0.0/16", "podNetwork": "10.128.0.0/9",
                                      "nodeSubnetPrefixLength": 24, "maxPodsPerNode": max_pods})
    for n in range(nodes):
        create(conn, "/api/v1/clusters/bench/nodes", {"name": "node-%05d" % (n + 1)})
    pods, lock, failures = itertools.count(), threading.Lock(), []

    def creator():
        own = connect(base)
        while not failures:
            with lock:
                i = next(pods)
            if i >= nodes * per_node:
                return
            try:
                create(own, "/api/v1/clusters/bench/namespaces/ns-%d/pods" % (i % 10), {
                    "name": "p-%d" % i, "nodeName": "node-%05d" % (i % nodes + 1),
                    "containers": [{"name": "c", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}]})
            except (SystemExit, OSError, http.client.HTTPException) as failure:
                failures.append(failure)

    threads = [threading.Thread(target=creator) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(str(failures[0]))


def get(conn, path):
    status, answer = call(conn, "GET", path)
    if status != 200:
        raise SystemExit("GET %s answered %d: %s" % (path, status, answer.decode(errors="replace")))
    return json.loads(answer)


def requests(work, nodes, per_node, bases):
    node_paths = ["/api/v1/clusters/bench/nodes/node-%05d" % (n + 1) for n in range(nodes)]
    with open(os.path.join(work, "get.txt"), "w") as f:
        f.write("\n".join(node_paths) + "\n")
    # pod p-i sits on node i mod nodes; a pair on one node is drawn again
    rng, pods, pairs = random.Random(17), nodes * per_node, []
    while len(pairs) < 1000:
        i, j = rng.randrange(pods), rng.randrange(pods)
        if i % nodes != j % nodes:
            pairs.append("/api/v1/clusters/bench/paths?from=ns-%d/p-%d&to=ns-%d/p-%d&port=80&protocol=TCP"
                         % (i % 10, i, j % 10, j))
    with open(os.path.join(work, "path.txt"), "w") as f:
        f.write("\n".join(pairs) + "\n")
    for base in bases:
        conn = connect(base)
        allocated = sum(get(conn, path)["pods"]["allocated"] for path in node_paths)
        if allocated != pods:
            raise SystemExit("%s holds %d pods, not %d" % (base, allocated, pods))
        trace = get(conn, pairs[0])
        if (trace["disposition"], trace["scope"]) != ("ACCEPTED", "CROSS_NODE"):
            raise SystemExit("%s traced %s: %s %s" % (base, pairs[0], trace["disposition"], trace["scope"]))
    print("each build holds %d nodes and %d pods and traces a path between two nodes as ACCEPTED" % (nodes, pods))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "load":
        load(args[0], *map(int, args[1:5]))
    elif command == "requests":
        requests(args[0], int(args[1]), int(args[2]), args[3:])
    else:
        raise SystemExit("unknown command " + command)
