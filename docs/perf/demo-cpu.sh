#!/usr/bin/env bash
# The demo's CPU per reading and per thread at 720x (docs/performance.md, "The measurement job's reads").
#
#   docs/perf/demo-cpu.sh OUTDIR JAR MINUTES [JAVA FLAGS…]
#
# Runs java FLAGS -jar JAR demo for MINUTES simulated minutes at 720x (SPEED to change it) with the API on a free port
# in OUTDIR/data, under /usr/bin/time; reads every thread's CPU from /proc every 0.5 s. Writes OUTDIR/time ("wall user
# sys maxrss_kb"), OUTDIR/threads (clock ticks per thread name, the pools' threads summed, last value seen) and
# OUTDIR/log, and prints the time, the readings stored, the threads and the summary lines (simulated time | stored).
# Without flags it uses the launcher's defaults (no AOT cache). Run two at the same time to compare two jars.
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"; jar="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; minutes="$3"; shift 3
flags=("$@")
[ ${#flags[@]} -eq 0 ] && flags=(-Xmx128m -Xms48m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps
  -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k -XX:TrimNativeHeapInterval=5000)
. "$root/.ci/jdk25.sh"
rm -rf "$out/data"
(cd "$out" && export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" && exec /usr/bin/time -f "%e %U %S %M" -o "$out/time" \
  "$JAVA_HOME/bin/java" "${flags[@]}" -jar "$jar" demo --data-dir "$out/data" --port 0 --speed "${SPEED:-720}" \
  --minutes "$minutes" --start 2026-06-01T00:00 --summary-every 5) >"$out/log" 2>&1 &
launcher=$!
pid=""
for _ in $(seq 50); do pid=$(pgrep -P "$(pgrep -P $launcher | head -1)" java 2>/dev/null | head -1); [ -n "$pid" ] && break
  pid=$(pgrep -P $launcher java | head -1); [ -n "$pid" ] && break; sleep 0.1; done
python3 - "$pid" >"$out/threads" <<'PY'
import sys, os, time, glob
pid = sys.argv[1]; seen = {}
while pid and os.path.exists('/proc/' + pid):
    for t in glob.glob('/proc/%s/task/*' % pid):
        try:
            s = open(t + '/stat').read()
        except OSError:
            continue
        name = s[s.index('(') + 1:s.rindex(')')]; f = s[s.rindex(')') + 2:].split()
        seen[(t.rsplit('/', 1)[1], name)] = int(f[11]) + int(f[12])
    time.sleep(0.5)
total = {}
for (_, name), ticks in seen.items():
    key = name.rstrip('-0123456789') if name.startswith(('ForkJoin', 'Jetty', 'VirtualThread', 'hj212')) else name
    total[key] = total.get(key, 0) + ticks
for name, ticks in sorted(total.items(), key=lambda x: -x[1]):
    print(ticks, name)
PY
wait $launcher
echo "$(cat "$out/time") readings=$(grep -o '[0-9]* readings stored' "$out/log" | grep -o '^[0-9]*')"
head -14 "$out/threads" | tr '\n' ';'; echo
grep -v -i password "$out/log" | grep ' | ' | awk '{print $1" "$2" | "$6" "$7}' | tr '\n' ';'; echo
