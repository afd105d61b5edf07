#!/usr/bin/env bash
# The benches side by side with the launchers' flags before branch mem7 (HeapTrim off) and after (docs/performance.md,
# "The demo's memory, fourth sitting"): the same jar, no AOT cache (TANHE_JAVA_OPTS), new then old for each bench.
#   docs/perf/flag-benches.sh            # ingest, catchup, engine
#   BENCHES="ingest" ORDER="OLD NEW" docs/perf/flag-benches.sh
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
OLD="-Xmx128m -Xms48m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k -XX:TrimNativeHeapInterval=5000 -Dtanhe.heapTrim=off"
NEW="-Xmx128m -XX:InitialHeapSize=48m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10 -XX:-ShrinkHeapInSteps -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k -XX:TrimNativeHeapInterval=5000"
for b in ${BENCHES:-ingest catchup engine}; do
  for v in ${ORDER:-NEW OLD}; do
    echo "== $b $v load $(cut -d' ' -f1 /proc/loadavg) $(date +%T)"
    TANHE_JAVA_OPTS="${!v}" /usr/bin/time -f "time: wall=%e user=%U sys=%S maxrss_kb=%M" ./tanhe bench $b 2>&1 | grep -E "^(ingest|catchup|engine):|^time:|Exception|Error" 
  done
done
