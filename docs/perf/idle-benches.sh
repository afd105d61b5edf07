#!/usr/bin/env bash
# Issue 19's bench lines, three consecutive runs of each, as the closing notes report them (docs/performance.md):
# the demo's start to its first stored result, `tanhe bench rules|ingest|catchup|engine`, `tanhe check` of a
# methodology (wall time and max RSS), then the Derby ingest once. Run it on an idle machine from the source tree.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 1 2 3; do docs/perf/demo-startup.sh "/tmp/idle-benches/start$i" | tail -1; done
for b in rules ingest catchup engine; do
  for i in 1 2 3; do echo "$b $i load $(cut -d' ' -f1 /proc/loadavg): $(./tanhe bench $b 2>&1 | tail -1)"; done
done
for i in 1 2 3; do
  /usr/bin/time -f "check wall %e s rss %M KB" ./tanhe check methodologies/power-generation-2022/power-generation.tanhe 2>&1 >/dev/null | tail -1
done
echo "derby: $(./tanhe bench ingest --store derby 2>&1 | tail -1)"
echo "end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
