#!/usr/bin/env bash
# `tanhe demo` to its first stored result (docs/performance.md, "The demo's memory and start-up").
#
#   docs/perf/demo-startup.sh OUTDIR [SPEED]
#
# Launches ./tanhe demo on a fresh OUTDIR/data (API on a free port, SPEED default 600, so that the 2-minute close_after
# of the demo site costs at most 0.3 s) and prints the wall time from the launch to its "simulated time starts" line
# (terminal and API up) and to the first row committed in the store's result table (sqlite3 polled every 50 ms), and
# the JVM's CPU (user+sys) at that moment; OUTDIR/threads holds each thread's CPU ticks then. Stops the demo after.
# With OPTS="…" it runs java $OPTS -jar tanhe.jar instead of the launcher (name an AOT cache in OPTS to use one), and
# with JAR=… too, that jar instead of server/app/target/tanhe.jar (a copy of an older build, for side-by-side runs).
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"; speed="${2:-600}"
rm -rf "$out/data" "$out/log" "$out/threads"
args=(demo --data-dir "$out/data" --port 0 --speed "$speed" --minutes 30)
load=$(cut -d' ' -f1 /proc/loadavg)
t0=$(date +%s%N)
if [ -n "${OPTS:-}" ]; then
  # shellcheck disable=SC2086
  (cd "$root" && . .ci/jdk25.sh && export MALLOC_ARENA_MAX=2 && exec "$JAVA_HOME/bin/java" $OPTS -jar "${JAR:-server/app/target/tanhe.jar}" "${args[@]}") >"$out/log" 2>&1 &
else
  (cd "$root" && exec ./tanhe "${args[@]}") >"$out/log" 2>&1 &
fi
pid=$!
up=""; first=""; ut=0; st=0
while [ -z "$first" ]; do
  now=$(date +%s%N)
  [ -z "$up" ] && grep -q "simulated time starts" "$out/log" 2>/dev/null && up=$now
  if [ -f "$out/data/tanhe.sqlite" ] && [ "$(sqlite3 -readonly "$out/data/tanhe.sqlite" 'select count(*) from result' 2>/dev/null || echo 0)" -gt 0 ]; then
    first=$now
    read -r ut st <<<"$(awk '{print $14, $15}' /proc/$pid/stat)"
    for t in /proc/$pid/task/*; do
      printf '%s %s\n' "$(awk '{print $14+$15}' "$t/stat" 2>/dev/null)" "$(cat "$t/comm" 2>/dev/null)"
    done | sort -rn >"$out/threads"
  fi
  if [ $(( (now - t0) / 1000000000 )) -gt 120 ]; then echo "no stored result within 120 s (log: $out/log)" >&2; break; fi
  sleep 0.05
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
[ -n "$first" ] || exit 1
printf 'speed=%s load=%s up_s=%.2f first_result_s=%.2f cpu_s=%.2f\n' "$speed" "$load" \
  "$(echo "(${up:-$first} - $t0)/1000000000" | bc -l)" "$(echo "($first - $t0)/1000000000" | bc -l)" \
  "$(echo "($ut + $st)/$(getconf CLK_TCK)" | bc -l)"
