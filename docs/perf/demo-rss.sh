#!/usr/bin/env bash
# The demo's RSS over simulated time (docs/performance.md, "The demo's memory and start-up").
#
#   docs/perf/demo-rss.sh OUTDIR [JAVA FLAGS…]
#
# Runs the demo for 24 simulated hours (SPEED, default 60: the terminal keeps up; MINUTES, default 1440) with the API
# on a free port in OUTDIR/data, and every 5 s appends "seconds since launch, RSS in kB (ps), the simulated time of
# the latest summary line" to OUTDIR/rss; the last line of OUTDIR/rss gives the exit status. Without flags it runs
# the source tree's ./tanhe (the launcher's defaults and AOT cache); with flags, java FLAGS -jar tanhe.jar.
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"; shift
rm -rf "$out/data" "$out/rss"
args=(demo --data-dir "$out/data" --port 0 --speed "${SPEED:-60}" --minutes "${MINUTES:-1440}" --start 2026-06-01T00:00 --summary-every 5)
. "$root/.ci/jdk25.sh"
start=$(date +%s.%N)
if [ $# -eq 0 ]; then
  (cd "$root" && exec ./tanhe "${args[@]}") >"$out/log" 2>&1 &
else
  (cd "$out" && export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" && exec "$JAVA_HOME/bin/java" "$@" -jar "$root/server/app/target/tanhe.jar" "${args[@]}") >"$out/log" 2>&1 &
fi
pid=$!
echo "load $(cut -d' ' -f1-3 /proc/loadavg)" >"$out/rss"
while kill -0 $pid 2>/dev/null; do
  rss=$(ps -o rss= -p $pid 2>/dev/null | tr -d ' ')
  sim=$(grep -a ' | readings' "$out/log" | tail -1 | cut -c1-19)
  [ -n "$rss" ] && printf '%6.1f %7d %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$rss" "$sim" >>"$out/rss"
  sleep 5
done
wait $pid; rc=$?
echo "exit $rc load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/rss"
echo "max_rss_kb=$(awk 'NR>1 && NF>=2 {if ($2>m) m=$2} END {print m}' "$out/rss") $(tail -1 "$out/log")"
