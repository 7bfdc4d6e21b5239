#!/usr/bin/env python3
"""What the pictures cost (issue 23), against a running podnet:

  A  GET .../topology.svg of the article's cluster (2 nodes, 3 pods, a user route)
  B  a plain GET of one of its pods
  C  GET .../topology.svg of a 5,000-node cluster (its summary)
  D  GET .../paths.svg from web to db, port 5432

One keep-alive connection, requests taken in turn A B C D, A B C D ... after a warm-up, so that
every kind sees the same machine; reports each kind's median and p90 latency, the ratios the issue
asks for (A/B as a throughput ratio B-time/A-time >= 0.5; C <= 20x A) and the answers' sizes
(C < 1 MB). Light on purpose: one client, a few hundred requests, for a shared machine; start
the service yourself (java -jar target/podnet-*.jar with PODNET_ADMIN_TOKEN set).

  bench/pictures.py --base http://127.0.0.1:8080 --token SECRET [--nodes 5000] [--requests 300]
"""
import argparse
import http.client
import json
import statistics
import sys
import time
import urllib.parse


class Client:
    def __init__(self, base, token):
        url = urllib.parse.urlparse(base)
        self.connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        self.headers = {"Authorization": "Bearer " + token}

    def call(self, method, path, body=None):
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(body)
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        return response.status, response.read()


def ensure(client, method, path, body):
    status, answer = client.call(method, path, body)
    if status not in (200, 201, 409):
        sys.exit(f"{method} {path}: {status} {answer[:300]!r}")


def build(client, nodes):
    ensure(client, "POST", "/api/v1/clusters", {"name": "demo", "nodeNetwork": "10.100.0.0/24",
                                                "podNetwork": "10.244.0.0/16"})
    for node in ("node-1", "node-2"):
        ensure(client, "POST", "/api/v1/clusters/demo/nodes", {"name": node})
    for name, node, port in (("web", "node-1", 80), ("api", "node-1", 8080), ("db", "node-2", 5432)):
        ensure(client, "POST", "/api/v1/clusters/demo/namespaces/default/pods",
               {"name": name, "nodeName": node, "containers": [{"name": name, "image": name,
                                                                "ports": [{"containerPort": port}]}]})
    ensure(client, "POST", "/api/v1/clusters/demo/routes", {"destination": "10.244.200.0/24", "type": "BLACKHOLE"})
    ensure(client, "POST", "/api/v1/clusters", {"name": "large", "nodeNetwork": "10.96.0.0/16",
                                                "podNetwork": "10.128.0.0/10"})
    status, answer = client.call("GET", "/api/v1/clusters/large")
    have = int(json.loads(answer)["nodeSubnets"]["allocated"])
    for i in range(have, nodes):
        ensure(client, "POST", "/api/v1/clusters/large/nodes", {"name": f"node-{i + 1}"})
        if i % 50 == 0:
            ensure(client, "POST", "/api/v1/clusters/large/namespaces/default/pods",
                   {"name": f"pod-{i + 1}", "nodeName": f"node-{i + 1}", "containers": [{"name": "c", "image": "i"}]})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--build-only", action="store_true", help="make the two clusters and stop (bench/pictures.sh)")
    args = parser.parse_args()
    client = Client(args.base, args.token)
    build(client, args.nodes)
    if args.build_only:
        return
    kinds = {
        "A article topology.svg": "/api/v1/clusters/demo/topology.svg",
        "B plain GET of a pod": "/api/v1/clusters/demo/namespaces/default/pods/web",
        f"C {args.nodes}-node summary": "/api/v1/clusters/large/topology.svg",
        "D article paths.svg": "/api/v1/clusters/demo/paths.svg?from=default/web&to=default/db&port=5432",
    }
    times = {kind: [] for kind in kinds}
    sizes = {}
    for round_ in range(args.requests + 20):
        for kind, path in kinds.items():
            start = time.perf_counter()
            status, answer = client.call("GET", path)
            elapsed = time.perf_counter() - start
            if status != 200:
                sys.exit(f"GET {path}: {status} {answer[:300]!r}")
            sizes[kind] = len(answer)
            if round_ >= 20:
                times[kind].append(elapsed * 1000)
    print(f"| request | median ms | p90 ms | bytes |\n|---|---|---|---|")
    for kind in kinds:
        ordered = sorted(times[kind])
        print(f"| {kind} | {statistics.median(ordered):.2f} | {ordered[int(len(ordered) * 0.9)]:.2f} | {sizes[kind]} |")
    a, b, c = (statistics.median(times[kind]) for kind in list(kinds)[:3])
    print(f"\ntopology.svg / plain GET throughput (one client): {b / a:.2f}x (target >= 0.5x)")
    print(f"summary / article picture time: {c / a:.1f}x (target <= 20x); summary size "
          f"{sizes[list(kinds)[2]]} bytes (target < 1,000,000)")


if __name__ == "__main__":
    main()
