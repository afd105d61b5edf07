#!/usr/bin/env bash
# The live heap of a running demo at given simulated hours (docs/performance.md, "The terminal's live heap over a
# simulated day").
#
#   docs/perf/demo-heap-hist.sh DIR HOURS…
#
# DIR is the folder of a demo started with `--data-dir DIR/data` whose output goes to DIR/out.log (as /work/rssrun.sh
# and docs/perf/demo-rss.sh start it). When the demo's summary line reaches the simulated start + each of HOURS (to the
# 10 minutes), runs `jcmd PID GC.class_histogram` (a full collection first) into DIR/hist-hHOURS.txt and appends
# "hHOURS, simulated time, UTC, load average, RSS kB, histogram total bytes" to DIR/hist.log.
set -u
dir=$1; shift
while ! grep -q "simulated time starts at" "$dir/out.log" 2>/dev/null; do sleep 1; done
pid=$(pgrep -f "data-dir $dir/data" | head -1)
start=$(grep -o "simulated time starts at [0-9-]* [0-9:]*" "$dir/out.log" | awk '{print $5" "$6}')
for h in "$@"; do
  t=$(date -d "$start $h hours" +"%Y-%m-%d %H:%M" | cut -c1-15)
  while ! grep -q "^$t" "$dir/out.log"; do sleep 0.5; kill -0 "$pid" 2>/dev/null || exit 1; done
  jcmd "$pid" GC.class_histogram > "$dir/hist-h$h.txt"
  echo "h$h $t $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg) rss $(awk '/VmRSS/{print $2}' /proc/$pid/status)" \
    "live $(tail -1 "$dir/hist-h$h.txt" | awk '{print $3}')" >> "$dir/hist.log"
done
