#!/usr/bin/env bash
# Server CPU per request of two builds of Roster, alternately, in one run: what a change costs.
#
#   bench/compare-builds.sh OLD_CHECKOUT NEW_CHECKOUT [ROUNDS] [REQUESTS] [KINDS] [CONCURRENCY]
#
# KINDS is one of LogCost's (get, post, lookup, patch) or several, comma-separated, run one after
# the other on the same server (post,lookup,patch: the writes and reads of Entra's cycle).
# CONCURRENCY (8) bounds the requests in flight. Up to 2026-12-05 every run here was held to 200
# requests a second by the tenant's rate limit (not, as this comment said, by TCP acknowledgements),
# so the server idled and its background work weighed on each request; bench/server.sh now turns
# the limit off. A tenant takes 8 requests at once and queues 32 (roster.scim.tenant-concurrency):
# at a CONCURRENCY above 40 requests are answered 429.
#
# Each checkout must have been packaged (mvn -DskipTests package: target/roster.war and
# target/payara-micro.jar). Each round starts OLD, then NEW, each on a fresh H2 file, waits 20 s
# after start, and runs bench/LogCost.java (2,000 warm-up requests, then REQUESTS at CONCURRENCY).
# Compare the medians of the rounds, not single rounds: the machine is shared and noisy.
# docs/benchmark.md ("What the change feed adds to a write") was measured with it.
#
# COMPARE_OLD_JAVA and COMPARE_NEW_JAVA add JVM options to each build's server: two settings of one
# build compare as two builds (bench/compare-builds.sh . . 3 9000 sync 8 with
# COMPARE_NEW_JAVA=-Droster....).
#
# Two settings from the environment. COMPARE_WARMUP=1 warms each server up as bench/profile.sh
# does (6,000 creates, 20,000 lookups, 10 s of rest) instead of the 20 s wait. LOGCOST_THREAD=NAME
# (LogCost's) prints one server thread's CPU per request beside the whole server's, or several
# threads' (NAME,NAME: /proc's first 15 characters of each name): a change to the provisioning
# log's writer, which the whole server's CPU cannot show, was measured with
#   COMPARE_WARMUP=1 LOGCOST_THREAD=roster-provisio bench/compare-builds.sh OLD NEW 3 10000 lookup,post
# and H2's background writers, which on lookups write only the log's pages, are
# LOGCOST_THREAD=roster-provisio,H2-serializatio,MVStore backgro
set -u
old=$1
new=$2
rounds=${3:-3}
requests=${4:-20000}
kind=${5:-post}
concurrency=${6:-8}
here=$(cd "$(dirname "$0")/.." && pwd)
port=8191
source "$here/bench/server.sh"
for round in $(seq 1 "$rounds"); do
  for build in old new; do
    dir=$old
    [[ $build == new ]] && dir=$new
    data=$(mktemp -d /tmp/roster-compare.XXXX)
    options=${COMPARE_OLD_JAVA:-}
    [[ $build == new ]] && options=${COMPARE_NEW_JAVA:-}
    # shellcheck disable=SC2086 # the options are words
    start_roster "$dir" $port \
      "jdbc:h2:file:$data/db;DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0" "$data/server.log" \
      $options
    pid=$server_pid
    if [[ ${COMPARE_WARMUP:-0} == 1 ]]; then
      for warm in "6000 8 post" "20000 8 lookup"; do
        java "$here/bench/LogCost.java" "http://localhost:$port/scim/v2" bench-token-0123456789 \
          "$pid" $warm > /dev/null 2>&1
      done
      sleep 10
    else
      sleep 20
    fi
    for k in ${kind//,/ }; do
      echo "round $round $build: $(java "$here/bench/LogCost.java" "http://localhost:$port/scim/v2" \
        bench-token-0123456789 "$pid" "$requests" "$concurrency" "$k" 2>&1 | tr '\n' ' ')"
    done
    echo "round $round $build: database on disk $(du -sm "$data" | cut -f1) MB"
    kill "$pid"
    wait "$pid" 2>/dev/null
    rm -rf "$data"
  done
done
