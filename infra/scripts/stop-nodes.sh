#!/usr/bin/env bash
# Stops the nodes infra/scripts/start-nodes.sh started: exactly the pids in its pid files
# (<run folder>/node-PORT.pid), with SIGTERM for a graceful shutdown, waiting a bounded time.
#
# Settings (environment):
#   COLAB_RUN_DIR  the run folder (default ${TMPDIR:-/tmp}/colab-nodes, as for start-nodes.sh)
#   STOP_TIMEOUT   seconds to wait for the nodes to exit (default 20); a node still running
#                  then is killed with SIGKILL
set -euo pipefail

run_dir="${COLAB_RUN_DIR:-${TMPDIR:-/tmp}/colab-nodes}"
stop_timeout="${STOP_TIMEOUT:-20}"

[[ "$stop_timeout" =~ ^[1-9][0-9]*$ ]] || {
  echo "stop-nodes: STOP_TIMEOUT must be a number of seconds" >&2
  exit 1
}

# Is pid $1 running (and not a zombie)?
alive() {
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z* ]]
}

# Is pid $1 a Colab server (and not some other process that was given a recycled pid)?
is_colab_node() {
  local args
  args="$(ps -o args= -p "$1" 2>/dev/null)" || return 1
  [[ "$args" == *node* && "$args" == *main.js* ]]
}

shopt -s nullglob
pid_files=("$run_dir"/node-*.pid)
if ((${#pid_files[@]} == 0)); then
  echo "stop-nodes: no nodes to stop (no pid files in $run_dir)"
  exit 0
fi

pids=()
for pid_file in "${pid_files[@]}"; do
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  if [[ ! "$pid" =~ ^[0-9]+$ ]]; then
    echo "stop-nodes: $pid_file holds no pid; removing it" >&2
    rm -f "$pid_file"
  elif ! alive "$pid"; then
    echo "stop-nodes: pid $pid ($(basename "$pid_file" .pid)) is not running; removing its pid file"
    rm -f "$pid_file"
  elif ! is_colab_node "$pid"; then
    echo "stop-nodes: pid $pid is not a Colab node any more (pid reused?); leaving it alone" >&2
    rm -f "$pid_file"
  else
    echo "stop-nodes: stopping $(basename "$pid_file" .pid) (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid:$pid_file")
  fi
done

deadline=$((SECONDS + stop_timeout))
status=0
for entry in "${pids[@]}"; do
  pid="${entry%%:*}"
  pid_file="${entry#*:}"
  while alive "$pid" && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if alive "$pid"; then
    echo "stop-nodes: pid $pid did not exit within ${stop_timeout}s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    status=1
  fi
  rm -f "$pid_file"
done
rm -f "$run_dir/urls"
echo "stop-nodes: stopped ${#pids[@]} node(s)"
exit "$status"
