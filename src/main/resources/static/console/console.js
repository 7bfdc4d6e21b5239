// podnet's web console: plain JavaScript over the same API a script uses, with the token the user
// gives once, kept in this tab's sessionStorage (never in a URL, a cookie or localStorage).
"use strict";

const TOKEN_KEY = "podnet.token";
const API = "/api/v1";
/** Pods and nodes offered in the pickers: the first page of each list, as a person can scan. */
const PICK_LIMIT = 500;

const $ = (id) => document.getElementById(id);

/** A refusal of the API, with its problem+json detail when there is one. */
class ApiError extends Error {
  constructor(status, detail) {
    super(detail || ("HTTP " + status));
    this.status = status;
  }
}

async function call(path, accept) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const response = await fetch(path, { headers: { "Authorization": "Bearer " + token, "Accept": accept } });
  if (!response.ok) {
    let detail = null;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title;
    } catch (ignored) {
      // not problem+json: the status says enough
    }
    throw new ApiError(response.status, detail);
  }
  return accept === "application/json" ? response.json() : response.text();
}

const json = (path) => call(path, "application/json");
const svgText = (path) => call(path, "image/svg+xml");
const clusterPath = (cluster) => API + "/clusters/" + encodeURIComponent(cluster);

function show(element, visible) {
  element.hidden = !visible;
}

function say(text, kind) {
  const message = $("message");
  message.textContent = text;
  message.className = kind || "";
  show(message, Boolean(text));
}

/**
 * Puts a picture the API drew into the page as live SVG (its names are escaped by the server and
 * it carries no scripts), so its nodes and pods are elements one can hover, search and test.
 */
function place(container, text) {
  const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
  if (parsed.getElementsByTagName("parsererror").length > 0) {
    throw new Error("the picture is not well-formed SVG");
  }
  parsed.querySelectorAll("script, foreignObject").forEach((element) => element.remove());
  container.replaceChildren(document.importNode(parsed.documentElement, true));
}

function option(value, text) {
  const element = document.createElement("option");
  element.value = value;
  element.textContent = text;
  return element;
}

async function start() {
  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    $("token").value = "";
    loadClusters();
  });
  $("forget-token").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    show($("workspace"), false);
    show($("cluster-form"), false);
    show($("login"), true);
    say("");
  });
  $("cluster").addEventListener("change", () => loadCluster($("cluster").value));
  $("node").addEventListener("change", () => loadTopology());
  $("to").addEventListener("change", () => show($("to-address-label"), $("to").value === ""));
  $("path-form").addEventListener("submit", (event) => {
    event.preventDefault();
    tracePath();
  });
  // a node link in a summary picture opens that node's picture here, with the token
  $("topology").addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (!link) {
      return;
    }
    event.preventDefault();
    const href = link.getAttribute("href") || "";
    const node = new URLSearchParams(href.substring(href.indexOf("?") + 1)).get("node");
    if (node) {
      if (![...$("node").options].some((o) => o.value === node)) {
        $("node").append(option(node, node));
      }
      $("node").value = node;
      loadTopology();
    }
  });
  if (sessionStorage.getItem(TOKEN_KEY)) {
    loadClusters();
  } else {
    show($("login"), true);
  }
}

async function loadClusters() {
  try {
    const list = await json(API + "/clusters?limit=" + PICK_LIMIT);
    show($("login"), false);
    const select = $("cluster");
    select.replaceChildren(...list.items.map((cluster) => option(cluster.name, cluster.name)));
    show($("cluster-form"), true);
    if (list.items.length === 0) {
      say("No clusters yet: create one with POST /api/v1/clusters (see Swagger UI at /swagger-ui.html).", "info");
      return;
    }
    say("");
    await loadCluster(select.value);
  } catch (error) {
    if (error.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      show($("login"), true);
    }
    say("Cannot list clusters: " + error.message);
  }
}

async function loadCluster(name) {
  try {
    const base = clusterPath(name);
    const [cluster, nodes, pods] = await Promise.all([json(base), json(base + "/nodes?limit=" + PICK_LIMIT),
      json(base + "/pods?limit=" + PICK_LIMIT)]);
    capacity(cluster, nodes);
    const nodeSelect = $("node");
    nodeSelect.replaceChildren(option("", "all nodes"), ...nodes.items.map((node) => option(node.name, node.name)));
    const names = pods.items.map((pod) => pod.namespace + "/" + pod.name);
    $("from").replaceChildren(...names.map((pod) => option(pod, pod)));
    $("to").replaceChildren(...names.map((pod) => option(pod, pod)), option("", "an address…"));
    if (names.length > 1) {
      $("to").value = names[1];
    }
    show($("to-address-label"), $("to").value === "");
    show($("workspace"), true);
    show($("path"), false);
    show($("path-heading"), false);
    await loadTopology();
  } catch (error) {
    say("Cannot read cluster " + name + ": " + error.message);
  }
}

/** Node subnets used and free, and pods per node against what each node can hold. */
function capacity(cluster, nodes) {
  const box = $("capacity");
  const subnets = cluster.nodeSubnets;
  const summary = document.createElement("p");
  summary.textContent = "Node subnets: " + subnets.allocated + " used, " + subnets.free + " free of " + subnets.total
    + " (/" + cluster.nodeSubnetPrefixLength + " in " + cluster.podNetwork + ")";
  const table = document.createElement("table");
  table.className = "capacity";
  const head = table.createTHead().insertRow();
  ["node", "subnet", "pods"].forEach((title) => {
    const cell = document.createElement("th");
    cell.textContent = title;
    head.append(cell);
  });
  const body = table.createTBody();
  for (const node of nodes.items) {
    const row = body.insertRow();
    row.dataset.node = node.name;
    row.insertCell().textContent = node.name;
    row.insertCell().textContent = node.podSubnet;
    const pods = row.insertCell();
    const meter = document.createElement("span");
    meter.className = "meter";
    const fill = document.createElement("span");
    fill.style.width = Math.min(100, 100 * node.pods.allocated / Math.max(1, node.pods.capacity)) + "%";
    meter.append(fill);
    pods.append(meter, " " + node.pods.allocated + "/" + node.pods.capacity);
  }
  const parts = [summary, table];
  if (nodes.metadata && nodes.metadata.continue) {
    const more = document.createElement("p");
    more.textContent = "The first " + nodes.items.length + " nodes; the picture summarises them all.";
    parts.push(more);
  }
  box.replaceChildren(...parts);
}

async function loadTopology() {
  const cluster = $("cluster").value;
  const node = $("node").value;
  try {
    const query = node ? "?node=" + encodeURIComponent(node) : "";
    place($("topology"), await svgText(clusterPath(cluster) + "/topology.svg" + query));
  } catch (error) {
    say("Cannot draw cluster " + cluster + ": " + error.message);
  }
}

async function tracePath() {
  const cluster = $("cluster").value;
  const to = $("to").value || $("to-address").value.trim();
  const query = new URLSearchParams({ from: $("from").value, to: to });
  if ($("port").value) {
    query.set("port", $("port").value);
  }
  try {
    const base = clusterPath(cluster);
    const [path, picture] = await Promise.all([json(base + "/paths?" + query), svgText(base + "/paths.svg?" + query)]);
    say("");
    const summary = $("path-summary");
    const disposition = document.createElement("span");
    disposition.id = "disposition";
    disposition.className = path.disposition === "ACCEPTED" || path.disposition === "EXITS_NETWORK"
      ? "disposition-ok" : "disposition-fail";
    disposition.textContent = path.disposition;
    const last = path.hops.length ? path.hops[path.hops.length - 1].device : path.source.pod;
    summary.replaceChildren(disposition, " · " + path.hops.length + " hops · TTL " + path.ttl + " · stops at " + last);
    place($("path-picture"), picture);
    $("path-hops").replaceChildren(...path.hops.map((hop) => {
      const item = document.createElement("li");
      item.className = "hop";
      item.textContent = hop.device + " — " + hop.action + (hop.route ? " — route " + hop.route : "")
        + " — " + hop.description;
      return item;
    }));
    $("path-explanation").textContent = path.explanation;
    show($("path-heading"), true);
    show($("path"), true);
  } catch (error) {
    say("Cannot trace the path: " + error.message);
  }
}

start();
