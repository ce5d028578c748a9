#!/usr/bin/env bash
# The one test command: installs what the tests need, starts a throwaway PostgreSQL,
# builds in Release, runs every test project and prints "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/.test-results"
rm -rf "$results"
mkdir -p "$results"

log() { printf '[run-all] %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- System packages the tests use (PostgreSQL server, OpenBLAS, Chromium for the report test).
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
ldconfig -p | grep "libopenblas.so.0 " >/dev/null || need+=(libopenblas0)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --- A throwaway PostgreSQL on 127.0.0.1 with its own data directory, removed afterwards.
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pg_dir=$(mktemp -d /tmp/fedactors-pg.XXXXXX)
pg_port=${FEDACTORS_PG_PORT:-55432}
while (echo >/dev/tcp/127.0.0.1/$pg_port) 2>/dev/null; do pg_port=$((pg_port + 1)); done
pg_user=postgres
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown "$pg_user" "$pg_dir"; else pg_user=$(id -un); fi
cleanup() {
  run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U fedactors -A trust --no-sync >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
run_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U fedactors fedactors_test
export FEDACTORS_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=fedactors;Database=fedactors_test;Pooling=true"
log "PostgreSQL ready on 127.0.0.1:$pg_port"

# --- Build once, then test every test project.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log "building (Release)"
dotnet build FedActors.sln -c Release -nologo -clp:ErrorsOnly -warnaserror 2>&1 | tail -n 50
status=0
log "testing"
dotnet test FedActors.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false \
  2>&1 | grep -v -E '^\s*$' | tail -n 200 || status=$?

# --- Count from the result files, not from the console.
# Each trx also carries a summary element with an outcome; only UnitTestResult elements count.
passed=0; failed=0; skipped=0
for f in "$results"/*.trx; do
  [ -e "$f" ] || continue
  p=$(grep -o '<UnitTestResult [^>]*outcome="Passed"' "$f" | wc -l || true)
  x=$(grep -o '<UnitTestResult [^>]*outcome="Failed"' "$f" | wc -l || true)
  s=$(grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$f" | wc -l || true)
  passed=$((passed + p)); failed=$((failed + x)); skipped=$((skipped + s))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then status=1; log "no test results found"; fi
if [ "$failed" -gt 0 ]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
