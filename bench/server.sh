# Sourced by the bench scripts: starts a packaged Roster as the README's java command does, and
# waits until it answers.
#
#   start_roster CHECKOUT PORT DB_URL LOG [JVM_OPTION...]
#
# CHECKOUT must have target/roster.war and target/payara-micro.jar (mvn -DskipTests package). The
# server gets the token bench-token-0123456789 for tenant "bench"; other ROSTER_* settings come
# from the caller's environment (ROSTER_ADMIN_USER=... start_roster ...). The tenant's rate limit
# (200 requests a second by default) is off unless the caller sets ROSTER_SCIM_TENANT_RATE, as in
# RosterBench: a bench measures the server's cost per request, not the limiter. Sets server_pid. Waits
# up to 180 s for /ServiceProviderConfig to answer 200; returns 1 if it never did.
start_roster() {
  local dir=$1 port=$2 url=$3 log=$4
  shift 4
  (cd "$dir" &&
    ROSTER_BOOTSTRAP_TOKENS=bench=bench-token-0123456789 ROSTER_DB_URL="$url" \
    ROSTER_SCIM_TENANT_RATE=${ROSTER_SCIM_TENANT_RATE:-0} \
    exec java -Xmx512m "$@" -jar target/payara-micro.jar --deploy target/roster.war \
      --contextroot / --port "$port" --prebootcommandfile payara-config/pre-boot-commands.asadmin \
      --postbootcommandfile payara-config/post-boot-commands.asadmin --nohazelcast \
      --disablephonehome >"$log" 2>&1) &
  server_pid=$!
  for _ in $(seq 1 180); do
    curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer bench-token-0123456789' \
      "http://localhost:$port/scim/v2/ServiceProviderConfig" 2>/dev/null | grep -q 200 && return 0
    sleep 1
  done
  return 1
}
