#!/usr/bin/env bash
# The last round's latency across namespace hosts versus in-process: runs the multi-host quick-start test
# (NetnsQuickstartTests: scenarios/quickstart.conf with ROUNDS rounds (default 5, the quick start's own), secure-sum, CLIENTS client nodes (default 10, the
# quick start's own), a key-manager node and `fedactors run --cluster` on a coordinator host, each in its own network
# namespace) RUNS times (default 1) and prints what it measured: the round's time from metrics.json (time.total) and each run's wall clock (Stopwatch
# around the process; the cluster run's includes starting the coordinator and waiting for the members).
# Needs root (network namespaces) and a Release build of tests/FedActors.Cluster.Tests. Prints the load average
# before and after each run, since other work on the machine changes the figures.
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${RUNS:-1}
for ((i = 1; i <= runs; i++)); do
  echo "run $i: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  FEDACTORS_NETNS_QUICKSTART_CLIENTS=${CLIENTS:-10} FEDACTORS_NETNS_QUICKSTART_ROUNDS=${ROUNDS:-5} dotnet test tests/FedActors.Cluster.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~NetnsQuickstartTests" --logger "console;verbosity=detailed" 2>&1 \
    | grep -E "^\s*(in-process:|[0-9]+ namespace hosts)|Passed!|Failed!" | sed 's/^ *//'
  echo "run $i: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
