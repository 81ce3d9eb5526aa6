#!/usr/bin/env bash
# Starts N built Colab server nodes on this machine, for multi-node tests and benchmarks:
# ports BASE..BASE+N-1 on 127.0.0.1, one Postgres database, one Redis, one session secret and
# one data folder for all of them. Stop them with infra/scripts/stop-nodes.sh.
#
#   infra/scripts/start-nodes.sh [N]
#
# Settings (environment):
#   NODES            how many nodes (default 2; the first argument wins)
#   BASE_PORT        first port (default 4101)
#   COLAB_RUN_DIR    run folder: pid files, logs, secret, data (default ${TMPDIR:-/tmp}/colab-nodes)
#   COLAB_MAIN       the built server (default <repo>/apps/server/dist/main.js, from this script)
#   DATABASE_URL     default postgres://postgres@127.0.0.1:5432/colab_nodes (created if missing)
#   REDIS_URL        default redis://127.0.0.1:6379
#   SESSION_SECRET   default: generated once into the run folder
#   COLAB_DATA_DIR   default: <run folder>/data
#   ALLOWED_ORIGINS  extra origins, added to every node's http://127.0.0.1:PORT and localhost:PORT
#   READY_TIMEOUT    seconds to wait for every node's /readyz (default 60)
# Anything else the server reads (PUBLIC_URL, TRUST_PROXY, LOG_LEVEL, S3_*, ...) is passed on.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"

nodes="${1:-${NODES:-2}}"
base_port="${BASE_PORT:-4101}"
run_dir="${COLAB_RUN_DIR:-${TMPDIR:-/tmp}/colab-nodes}"
main="${COLAB_MAIN:-$repo_root/apps/server/dist/main.js}"
default_database_url="postgres://postgres@127.0.0.1:5432/colab_nodes"
database_url="${DATABASE_URL:-$default_database_url}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
ready_timeout="${READY_TIMEOUT:-60}"

die() {
  echo "start-nodes: $*" >&2
  exit 1
}

[[ "$nodes" =~ ^[1-9][0-9]*$ ]] || die "the number of nodes must be a positive integer, not \"$nodes\""
if [[ ! "$base_port" =~ ^[1-9][0-9]*$ ]] || ((base_port + nodes - 1 > 65535)); then
  die "BASE_PORT must be a port number (with room for $nodes nodes), not \"$base_port\""
fi
[[ "$ready_timeout" =~ ^[1-9][0-9]*$ ]] || die "READY_TIMEOUT must be a number of seconds"

[[ -f "$main" ]] || die "$main is missing: run pnpm build first (npx -y pnpm@10.34.9 build), or set COLAB_MAIN"
for tool in node curl pg_isready psql createdb redis-cli; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done

# Postgres and Redis must already answer.
pg_isready -q -d "$database_url" ||
  die "Postgres is not answering at $database_url; start them with infra/scripts/start-test-services.sh"
[[ "$(redis-cli -u "$redis_url" ping 2>/dev/null)" == "PONG" ]] ||
  die "Redis is not answering at $redis_url; start them with infra/scripts/start-test-services.sh"

# The default database is created on first use; a DATABASE_URL given by the caller must exist.
if [[ "$database_url" == "$default_database_url" ]]; then
  psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='colab_nodes'" | grep -q 1 ||
    createdb -h 127.0.0.1 -U postgres colab_nodes
fi

mkdir -p "$run_dir"
run_dir="$(cd "$run_dir" && pwd)"
data_dir="${COLAB_DATA_DIR:-$run_dir/data}"
mkdir -p "$data_dir"

# One session secret for every node, made once and kept in the run folder.
if [[ -z "${SESSION_SECRET:-}" ]]; then
  secret_file="$run_dir/session-secret"
  if [[ ! -s "$secret_file" ]]; then
    (
      umask 077
      node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("hex"))' >"$secret_file"
    )
  fi
  SESSION_SECRET="$(cat "$secret_file")"
fi
((${#SESSION_SECRET} >= 32)) || die "SESSION_SECRET must be at least 32 characters"

# Is a process listening on 127.0.0.1:$1?
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Is pid $1 running (and not a zombie)?
alive() {
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z* ]]
}

ports=()
origins=()
for ((i = 0; i < nodes; i++)); do
  port=$((base_port + i))
  ports+=("$port")
  origins+=("http://127.0.0.1:$port" "http://localhost:$port")
done
allowed_origins="$(
  IFS=,
  echo "${origins[*]}"
)"
[[ -n "${ALLOWED_ORIGINS:-}" ]] && allowed_origins="$allowed_origins,$ALLOWED_ORIGINS"

# Refuse to start over running nodes or on busy ports.
for port in "${ports[@]}"; do
  pid_file="$run_dir/node-$port.pid"
  if [[ -f "$pid_file" ]]; then
    pid="$(cat "$pid_file")"
    if [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid"; then
      die "a node already runs on port $port (pid $pid): stop it with infra/scripts/stop-nodes.sh"
    fi
    rm -f "$pid_file" # stale
  fi
  port_in_use "$port" && die "port $port is already in use by another process"
done

rm -f "$run_dir/urls"
started=()
# On failure, stop the nodes this run started.
cleanup_on_failure() {
  local pid port
  for port in "${started[@]}"; do
    pid="$(cat "$run_dir/node-$port.pid" 2>/dev/null || true)"
    if [[ -n "$pid" ]] && alive "$pid"; then kill -TERM "$pid" 2>/dev/null || true; fi
    rm -f "$run_dir/node-$port.pid"
  done
}
trap 'cleanup_on_failure' ERR

for port in "${ports[@]}"; do
  log="$run_dir/node-$port.log"
  pid_file="$run_dir/node-$port.pid"
  : >"$log"
  # The pid file gets the server's own pid: the inner shell writes its pid, then execs node.
  # setsid puts the node in its own session, so it outlives this script and its terminal.
  launcher=()
  command -v setsid >/dev/null && launcher=(setsid)
  (
    cd "$run_dir"
    # shellcheck disable=SC2016 # $$, $1 and $@ are the inner shell's
    exec "${launcher[@]}" env \
      PORT="$port" \
      HOST=127.0.0.1 \
      DATABASE_URL="$database_url" \
      REDIS_URL="$redis_url" \
      SESSION_SECRET="$SESSION_SECRET" \
      COLAB_DATA_DIR="$data_dir" \
      ALLOWED_ORIGINS="$allowed_origins" \
      bash -c 'echo "$$" >"$1"; shift; exec "$@"' start-node "$pid_file" \
      node --enable-source-maps "$main"
  ) </dev/null >>"$log" 2>&1 &
  started+=("$port")
done

# Wait (bounded) until every node answers /readyz.
deadline=$((SECONDS + ready_timeout))
for port in "${ports[@]}"; do
  pid_file="$run_dir/node-$port.pid"
  log="$run_dir/node-$port.log"
  while :; do
    pid="$(cat "$pid_file" 2>/dev/null || true)"
    if [[ -n "$pid" ]] && ! alive "$pid"; then
      echo "start-nodes: the node on port $port (pid $pid) exited; the end of $log:" >&2
      tail -n 20 "$log" >&2 || true
      false
    fi
    if [[ -n "$pid" ]] && curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/readyz" 2>/dev/null; then
      break
    fi
    if ((SECONDS >= deadline)); then
      echo "start-nodes: the node on port $port did not answer /readyz within ${ready_timeout}s; the end of $log:" >&2
      tail -n 20 "$log" >&2 || true
      false
    fi
    sleep 0.25
  done
done
trap - ERR

: >"$run_dir/urls"
echo "Colab: $nodes node(s) ready (run folder $run_dir)"
for port in "${ports[@]}"; do
  echo "http://127.0.0.1:$port" >>"$run_dir/urls"
  echo "  http://127.0.0.1:$port  pid $(cat "$run_dir/node-$port.pid")  log $run_dir/node-$port.log"
done
echo "Stop them with: infra/scripts/stop-nodes.sh"
