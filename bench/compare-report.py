"""The markdown report of bench/compare.sh: its measurements in, tables and verdicts out.

    python3 bench/compare-report.py MEASUREMENTS.tsv OUT.md

Each line of MEASUREMENTS.tsv is one wrk run: operation, round, build (a or b), slot (1-4 in the
order A B B A), req/s, requests, the service's CPU in clock ticks, non-2xx answers, socket errors.
What the run was (builds, machine, options) comes from compare.sh in COMPARE_* variables.
"""
import csv
import os
import sys
from collections import defaultdict

OPERATIONS = {
    "get": "GET of a node",
    "path": "Path between pods on two nodes",
    "create": "Pod create",
}
LOW, HIGH = 0.95, 1.05


def read(path):
    runs = defaultdict(list)  # (operation, round, build) -> [(rate, requests, ticks, failed)]
    with open(path) as f:
        for op, rnd, build, _slot, rate, requests, ticks, failed, errors in csv.reader(f, delimiter="\t"):
            runs[(op, int(rnd), build)].append((float(rate), int(requests), int(ticks), int(failed) + int(errors)))
    return runs


def cpu_us(runs, ticks_per_second):
    """Service CPU per request in microseconds over the given wrk runs."""
    requests = sum(r[1] for r in runs)
    return sum(r[2] for r in runs) * 1e6 / ticks_per_second / requests if requests else float("nan")


def verdict(ratios, failed):
    """The rule: within 5% when every round's B ÷ A lies in [0.95, 1.05]; the mean alone is reported beside it."""
    if failed:
        return "not measured: %d requests failed (non-2xx or socket errors)" % failed
    mean = sum(ratios) / len(ratios)
    direction = "B faster" if mean > 1 else "B slower"
    if all(LOW <= r <= HIGH for r in ratios):
        return "**within 5%** (every round)"
    outside = [str(i + 1) for i, r in enumerate(ratios) if not LOW <= r <= HIGH]
    if LOW <= mean <= HIGH:
        return "within 5%% on the mean of the rounds only (round %s outside; %s)" % (", ".join(outside), direction)
    return "**not within 5%%** (%s, mean %.3f×)" % (direction, mean)


def section(op, runs, rounds, ticks_per_second):
    rows, ratios, failed = [], [], 0
    for rnd in rounds:
        a, b = runs[(op, rnd, "a")], runs[(op, rnd, "b")]
        rate_a = sum(r[0] for r in a) / len(a)
        rate_b = sum(r[0] for r in b) / len(b)
        ratios.append(rate_b / rate_a)
        failed += sum(r[3] for r in a + b)
        rows.append("| %d | %.0f (%s) | %.0f (%s) | %.3f× | %.0f | %.0f |" % (
            rnd, rate_a, ", ".join("%.0f" % r[0] for r in a), rate_b, ", ".join("%.0f" % r[0] for r in b),
            ratios[-1], cpu_us(a, ticks_per_second), cpu_us(b, ticks_per_second)))
    every_a = [r for rnd in rounds for r in runs[(op, rnd, "a")]]
    every_b = [r for rnd in rounds for r in runs[(op, rnd, "b")]]
    summary = {
        "min": min(ratios), "max": max(ratios), "mean": sum(ratios) / len(ratios),
        "cpu_a": cpu_us(every_a, ticks_per_second), "cpu_b": cpu_us(every_b, ticks_per_second),
        "verdict": verdict(ratios, failed),
    }
    text = "\n".join([
        "## %s" % OPERATIONS[op],
        "",
        "| round | A req/s (1st, 2nd) | B req/s (1st, 2nd) | B ÷ A | A CPU µs/request | B CPU µs/request |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        "B ÷ A over %d round(s): %.3f× to %.3f×, mean %.3f×. Service CPU per request over all rounds: "
        "A %.0f µs, B %.0f µs (B ÷ A %.3f×). Verdict: %s." % (
            len(ratios), summary["min"], summary["max"], summary["mean"],
            summary["cpu_a"], summary["cpu_b"], summary["cpu_b"] / summary["cpu_a"], summary["verdict"]),
        "",
    ])
    return text, summary


def main(measurements, out):
    env = os.environ
    runs = read(measurements)
    rounds = sorted({rnd for (_op, rnd, _build) in runs})
    ticks = int(env["COMPARE_CLK_TCK"])
    sections, summaries = [], {}
    for op in OPERATIONS:
        text, summaries[op] = section(op, runs, rounds, ticks)
        sections.append(text)
    lines = [
        "# Two builds side by side",
        "",
        "`bench/compare.sh` on %s, script at commit %s." % (env["COMPARE_DATE"], env["COMPARE_COMMIT"]),
        "",
        "- **A**: %s" % env["COMPARE_BUILD_A"],
        "- **B**: %s" % env["COMPARE_BUILD_B"],
        "- Machine: %s" % env["COMPARE_MACHINE"],
        "- Options: `%s`" % env["COMPARE_OPTIONS"],
        "",
        "Both services ran at once, each on its own H2 file with -Xmx512m, and held the same cluster: "
        "%s nodes and %s pods (pod i on node i mod nodes, maxPodsPerNode %s), loaded one after the other "
        "(A in %s s, B in %s s). wrk (`-t1 -c%s`) loaded one service at a time while the other idled: first "
        "each operation 2 × %s s on each build in turn to warm both JVMs, then per round each operation "
        "A B B A for %s s each. Requests go round robin over every node (GET), 1,000 pod pairs on different "
        "nodes (path, ACCEPTED across nodes) and every node in turn (create, new names), so no cache "
        "answers a repeated request. Each build's pod creates add to its own cluster, as many as it "
        "manages. A round's rate is the mean of its two runs; CPU is the service's utime+stime "
        "(/proc/PID/stat) over the run divided by wrk's request count." % (
            env["COMPARE_NODES"], env["COMPARE_PODS"], env["COMPARE_MAX_PODS"], env["COMPARE_LOAD_A"],
            env["COMPARE_LOAD_B"], env["COMPARE_CONNECTIONS"], env["COMPARE_WARMUP"], env["COMPARE_DURATION"]),
        "",
        "Verdict rule: **within 5%** when every round's B ÷ A lies in [0.95, 1.05]. Where only the mean "
        "of the rounds does, the verdict says so; the mean alone would hide a round that was off.",
        "",
        "| operation | B ÷ A per round | mean | A CPU µs/request | B CPU µs/request | verdict |",
        "|---|---|---|---|---|---|",
        *["| %s | %.3f× to %.3f× | %.3f× | %.0f | %.0f | %s |" % (
            OPERATIONS[op], s["min"], s["max"], s["mean"], s["cpu_a"], s["cpu_b"], s["verdict"])
          for op, s in summaries.items()],
        "",
        *sections,
    ]
    with open(out, "w") as f:
        f.write("\n".join(lines))
    for op, s in summaries.items():
        print("%s: B/A %.3f-%.3f (mean %.3f): %s" % (op, s["min"], s["max"], s["mean"], s["verdict"]))
    print("wrote " + out)


if __name__ == "__main__":
    main(*sys.argv[1:])
