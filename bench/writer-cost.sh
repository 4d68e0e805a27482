#!/usr/bin/env bash
# What the provisioning log's writer thread costs per logged request, in two builds, alternately.
#
#   bench/writer-cost.sh OLD_CHECKOUT NEW_CHECKOUT [ROUNDS] [REQUESTS] [KINDS]
#
# The log's cost is small beside a request's, and a whole server's CPU moves by more than it from
# one run to the next (bench/compare-builds.sh). The writer is a thread of its own
# ("roster-provisioning-log-writer"): its CPU over LogCost's measured run (LOGCOST_THREAD), read
# from /proc/PID/task/TID/stat, is what writing the records costs, apart from the request threads.
# Each round starts OLD, then NEW, each on a fresh H2 file, warms it up as bench/profile.sh does,
# and runs LogCost's KINDS (lookup post), REQUESTS each at concurrency 8. It prints LogCost's
# line: the whole server's CPU per request (cpu/req) and the writer's (roster-provisio-cpu/req).
# Each checkout must have been packaged (mvn -Pbench -DskipTests package). Compare the medians of
# the rounds.
set -u
old=$1
new=$2
rounds=${3:-3}
n=${4:-10000}
kinds=${5:-lookup post}
port=8194
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/bench/server.sh"

for round in $(seq 1 "$rounds"); do
  for build in old new; do
    dir=$old
    [ $build = new ] && dir=$new
    data=$(mktemp -d /tmp/roster-writer.XXXX)
    start_roster "$dir" $port "jdbc:h2:file:$data/db;DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=50" \
      "$data/server.log" || { echo "round $round $build: did not start"; exit 1; }
    pid=$server_pid
    lc() {
      java "$here/bench/LogCost.java" "http://localhost:$port/scim/v2" bench-token-0123456789 \
        "$pid" "$@" 2>&1 | tr '\n' ' '
    }
    lc 6000 8 post > /dev/null
    lc 20000 8 lookup > /dev/null
    sleep 10
    for kind in $kinds; do
      echo "round $round $build: $(LOGCOST_THREAD=roster-provisio lc "$n" 8 "$kind")"
    done
    kill "$pid"
    wait "$pid" 2>/dev/null
    rm -rf "$data"
  done
done
