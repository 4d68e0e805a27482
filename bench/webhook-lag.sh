#!/usr/bin/env bash
# What webhooks add to a SCIM write and their delivery lag, on one fresh server on H2:
#
#   bench/webhook-lag.sh [REQUESTS] [ROUNDS]
#
# Needs a packaged checkout (mvn -DskipTests package). Starts the WAR as the README's java command
# does, on a fresh H2 file, waits 20 s, and runs bench/WebhookLag.java (2,000 warm-up creates, then
# ROUNDS rounds of REQUESTS creates without and with an endpoint, at concurrency 8).
set -u
requests=${1:-5000}
rounds=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
port=8192
data=$(mktemp -d /tmp/roster-webhook-lag.XXXX)
source "$here/bench/server.sh"
ROSTER_ADMIN_USER=admin ROSTER_ADMIN_PASSWORD=bench-admin-password \
  start_roster "$here" $port \
  "jdbc:h2:file:$data/db;DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0" "$data/server.log"
pid=$server_pid
sleep 20
javac -d "$data/classes" "$here/bench/LogCost.java" "$here/bench/WebhookLag.java"
java -cp "$data/classes" WebhookLag "http://localhost:$port/scim/v2" admin:bench-admin-password \
  bench bench-token-0123456789 "$pid" "$requests" 8 "$rounds"
kill "$pid"
wait "$pid" 2>/dev/null
rm -rf "$data"
