#!/usr/bin/env bash
# Measures what one exec probe run costs: the built /bin/grpc_health_probe bundle checking a real
# greeter-server on loopback, next to bare `node -e 0` (Node's own start-up floor), optionally
# under a CPU limit like the chart's (500m), emulated with a cgroup when run as root.
#   apps/health-probe/scripts/startup-cost.sh                 # 20 runs, no CPU limit
#   apps/health-probe/scripts/startup-cost.sh -n 40 -c 500    # 40 runs at 500 millicores
#   PROBE=/tmp/old/main.js apps/health-probe/scripts/startup-cost.sh -c 500   # another build
# Prints one line per variant: median and max wall time, median CPU time (user+sys), in ms.
set -euo pipefail
cd "$(dirname "$0")/../../.."

RUNS=20
CPU_MILLICORES=""
PROBE="${PROBE:-dist/apps/health-probe/main.js}"
SERVER=dist/apps/greeter-server/main.js

usage() {
  cat <<USAGE
usage: $(basename "$0") [-n RUNS] [-c MILLICORES] [-h]
  -n RUNS        probe runs per variant (default ${RUNS})
  -c MILLICORES  run every probe in a cgroup limited to this CPU (root and a cgroup cpu controller
                 needed); default: no limit
Env: PROBE=<bundle> measures another probe build (default ${PROBE}).
USAGE
}

die() {
  echo "startup-cost: $*" >&2
  exit 1
}

cgroup_dir=""
server_pid=""
cleanup() {
  [[ -n "${server_pid}" ]] && kill "${server_pid}" 2>/dev/null || true
  [[ -n "${cgroup_dir}" ]] && rmdir "${cgroup_dir}" 2>/dev/null || true
}
trap cleanup EXIT

# A cgroup with a CFS quota of MILLICORES per 100 ms period: what the kubelet sets for a limit.
make_cgroup() {
  local millicores="$1" quota=$(($1 * 100))
  if [[ -f /sys/fs/cgroup/cgroup.controllers ]] && grep -qw cpu /sys/fs/cgroup/cgroup.controllers; then
    cgroup_dir="/sys/fs/cgroup/startup-cost-$$"
    mkdir "${cgroup_dir}" && echo "${quota} 100000" >"${cgroup_dir}/cpu.max"
  elif [[ -d /sys/fs/cgroup/cpu ]]; then
    cgroup_dir="/sys/fs/cgroup/cpu/startup-cost-$$"
    mkdir "${cgroup_dir}" && echo 100000 >"${cgroup_dir}/cpu.cfs_period_us" &&
      echo "${quota}" >"${cgroup_dir}/cpu.cfs_quota_us"
  else
    die "no cgroup cpu controller: cannot emulate ${millicores}m"
  fi
}

start_server() {
  local log
  log="$(mktemp)"
  node "${SERVER}" --address=127.0.0.1:0 >"${log}" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    port="$(sed -n 's/.*"msg":"listening".*"port":\([0-9]*\).*/\1/p' "${log}")"
    [[ -n "${port}" ]] && return 0
    sleep 0.1
  done
  die "greeter-server did not print its listening line: $(cat "${log}")"
}

# Runs "$@" RUNS times (inside the cgroup if any); prints "median_wall max_wall median_cpu" in ms.
measure() {
  local samples
  samples="$(mktemp)"
  for _ in $(seq 1 "${RUNS}"); do
    local TIMEFORMAT='%3R %3U %3S'
    { time {
      if [[ -n "${cgroup_dir}" ]]; then
        bash -c 'echo $$ >"$1/cgroup.procs"; shift; exec "$@"' _ "${cgroup_dir}" "$@" >/dev/null
      else
        "$@" >/dev/null
      fi
    }; } 2>>"${samples}"
  done
  local n walls cpus
  n="$(wc -l <"${samples}")"
  walls="$(awk '{ printf "%d\n", $1 * 1000 }' "${samples}" | sort -n)"
  cpus="$(awk '{ printf "%d\n", ($2 + $3) * 1000 }' "${samples}" | sort -n)"
  echo "$(sed -n "$(((n + 1) / 2))p" <<<"${walls}") $(tail -1 <<<"${walls}") $(sed -n "$(((n + 1) / 2))p" <<<"${cpus}")"
}

main() {
  while getopts "n:c:h" opt; do
    case "${opt}" in
      n) RUNS="${OPTARG}" ;;
      c) CPU_MILLICORES="${OPTARG}" ;;
      h) usage; return 0 ;;
      *) usage >&2; exit 1 ;;
    esac
  done
  [[ -f "${PROBE}" && -f "${SERVER}" ]] ||
    die "build first: npx nx run-many -t build -p health-probe greeter-server"
  [[ -n "${CPU_MILLICORES}" ]] && make_cgroup "${CPU_MILLICORES}"
  start_server

  local limit="${CPU_MILLICORES:+${CPU_MILLICORES}m}"
  echo "node $(node --version), ${RUNS} runs, CPU limit ${limit:-none}, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
  printf '%-34s %12s %12s %12s\n' variant 'wall median' 'wall max' 'cpu median'
  read -r wall max cpu < <(measure node -e 0)
  printf '%-34s %10sms %10sms %10sms\n' 'node -e 0' "${wall}" "${max}" "${cpu}"
  read -r wall max cpu < <(measure node "${PROBE}" "-addr=127.0.0.1:${port}")
  printf '%-34s %10sms %10sms %10sms\n' "probe ${PROBE}" "${wall}" "${max}" "${cpu}"
}

main "$@"
