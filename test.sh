#!/usr/bin/env bash
# Installs what the tests need (Debian's Chromium for the browser tests, PostgreSQL for the tests on both
# providers), runs every test once on SQLite, then the integration tests again on a throwaway PostgreSQL.
# Ends with one line: "N passed, N failed" (", N skipped" when any were skipped).
set -uo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null \
    || { echo "Could not install chromium (browser tests need /usr/bin/chromium)."; echo "0 passed, 1 failed"; exit 1; }
fi

# A throwaway PostgreSQL (Debian's postgresql package) for the tests that run on both providers and the
# several-instances tests: initdb into a temp directory, a free loopback port, trust auth (nothing else can reach
# it), stopped and removed at the end.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "Installing Debian's postgresql for the PostgreSQL tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null \
    || { echo "Could not install postgresql (the PostgreSQL tests need initdb)."; echo "0 passed, 1 failed"; exit 1; }
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
pg_dir="$(mktemp -d)"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
stop_pg() { as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pg_dir"; }
trap stop_pg EXIT
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log"; echo "Could not initdb a test PostgreSQL."; echo "0 passed, 1 failed"; exit 1; }
pg_port=""
for _ in 1 2 3 4 5 6 7 8 9 10; do
  port=$((20000 + RANDOM % 40000))
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue   # taken
  if as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
       -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null; then
    pg_port=$port; break
  fi
done
[ -n "$pg_port" ] || { cat "$pg_dir/server.log"; echo "Could not start a test PostgreSQL."; echo "0 passed, 1 failed"; exit 1; }
export STARS_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$(mktemp -d)"
# Every test once on SQLite (the several-instances tests use the PostgreSQL server themselves)...
dotnet test StarsStudio.sln -c Release --logger "trx;LogFilePrefix=run" --results-directory "$results" "$@" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}
# ...then the integration tests of payments, delivery, refunds, reminders, support, the update loop and the drills
# again, on PostgreSQL.
postgres_tests="FullyQualifiedName~StarsStudio.Tests.Features.Payments|FullyQualifiedName~StarsStudio.Tests.Features.Delivery"
postgres_tests="$postgres_tests|FullyQualifiedName~StarsStudio.Tests.Features.Support|FullyQualifiedName~StarsStudio.Tests.Features.Reminders"
postgres_tests="$postgres_tests|FullyQualifiedName~StarsStudio.Tests.Bot|FullyQualifiedName~StarsStudio.Tests.Features.Messages"
# The drills, except crash (its child process reads the SQLite file) and cluster (on PostgreSQL in both runs).
postgres_tests="$postgres_tests|(FullyQualifiedName~StarsStudio.Tests.Rehearsal&FullyQualifiedName!~Drill_Crash&FullyQualifiedName!~Drill_Cluster)"
STARS_TEST_DATABASE=Postgres dotnet test StarsStudio.sln -c Release --no-build --filter "$postgres_tests" \
  --logger "trx;LogFilePrefix=postgres" --results-directory "$results" 2>&1 | tee -a "$results/console.log"
pg_status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] && status=$pg_status

# Count outcomes from the TRX files, so the last line is true even if the build failed (then: 0 passed).
passed=0; failed=0; skipped=0
for f in "$results"/*.trx; do
  [ -e "$f" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
