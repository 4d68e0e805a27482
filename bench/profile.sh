#!/usr/bin/env bash
# A Flight Recorder profile of one packaged build under LogCost's requests, for bench/JfrSummary.java.
#
#   bench/profile.sh CHECKOUT OUTDIR [DB_URL]
#   KINDS="lookup post" N=10000 bench/profile.sh . /tmp/prof
#   java bench/JfrSummary.java /tmp/prof/post.jfr 30
#
# Starts CHECKOUT's target/roster.war (mvn -DskipTests package) on a fresh H2 file (or DB_URL),
# warms it up with creates, lookups and PATCHes, waits 20 s, then records each of KINDS (LogCost's
# kinds) in its own file OUTDIR/<kind>.jfr, N requests at concurrency 8. Stacks are kept 256 frames
# deep: with the default 64, the outer layers (Grizzly, Jersey, the EJB container) look smaller
# than they are. docs/benchmark.md ("A create, profiled") was taken with it.
set -u
dir=$1
out=$2
mkdir -p "$out"
port=8193
here=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d /tmp/roster-prof.XXXX)
url=${3:-"jdbc:h2:file:$data/db;DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0"}
source "$here/bench/server.sh"
start_roster "$dir" $port "$url" "$data/server.log" -XX:FlightRecorderOptions=stackdepth=256
pid=$server_pid
lc() {
  java "$here/bench/LogCost.java" "http://localhost:$port/scim/v2" bench-token-0123456789 "$pid" "$@" \
    2>&1 | tr '\n' ' '
  echo
}
echo "warm post: $(lc 6000 8 post)"
echo "warm lookup: $(lc 20000 8 lookup)"
echo "warm patch: $(lc 4000 8 patch)"
sleep 20
for k in ${KINDS:-lookup post}; do
  # LogCost records its measured run only: a "lookup" first creates its 2,000 users, which
  # otherwise made up some 40% of the lookup's samples
  echo "$k: $(LOGCOST_JFR=$out/$k.jfr lc ${N:-10000} 8 $k)"
done
kill $pid
wait $pid 2>/dev/null
rm -rf "$data"
