#!/usr/bin/env bash
# A short RSS run of the demo, for side-by-side comparisons of two jars or two sets of flags (docs/performance.md,
# session 8). Runs `tanhe demo --speed 60` on a fresh /tmp/rr-NAME/data (API on a free port) with the launcher's
# defaults and the extra flags, appends "seconds RSS-kB" every 10 s to /tmp/rr-NAME/rss.txt, then a summary of
# /proc/PID/smaps (resident and private-dirty MB by mapping), and stops it.
#
#   [JAR=path/to/tanhe.jar] [AOT=1] docs/perf/demo-rss-side.sh NAME SECONDS [java flags…]
#
# JAR defaults to server/app/target/tanhe.jar (copy it aside first if a rebuild could happen meanwhile). AOT=1 makes
# (once per jar, as the launcher does) and uses an AOT cache beside the jar: JAR minus .jar plus -terminal.aot.
set -u
name=$1; secs=$2; shift 2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/.ci/jdk25.sh"
jar=${JAR:-$root/server/app/target/tanhe.jar}
d=/tmp/rr-$name; rm -rf "$d"; mkdir -p "$d"; cd "$d" || exit 1
eval "$(sed -n '/^initial=/,/^-XX:TrimNativeHeapInterval/p' "$root/tanhe")" # the launcher's defaults
aotflag=""
if [ "${AOT:-0}" = 1 ]; then
  aot="${jar%.jar}-terminal.aot"
  if [ ! -f "$aot" ] || [ "$jar" -nt "$aot" ]; then
    t=$(mktemp -d)
    # shellcheck disable=SC2086
    (cd "$t" && java $defaults -XX:AOTCacheOutput="$aot" -jar "$jar" demo --data-dir "$t/data" --port 0 --minutes 1 --speed 600 >"$t/log" 2>&1)
    rm -rf "$t"
  fi
  aotflag="-XX:AOTCache=$aot"
fi
# shellcheck disable=SC2086
MALLOC_ARENA_MAX=2 java $defaults $aotflag "$@" -jar "$jar" demo --data-dir "$d/data" --port 0 --minutes 1440 --speed 60 >"$d/out.log" 2>&1 &
pid=$!
for i in $(seq 1 $((secs / 10))); do
  sleep 10
  echo "$((i * 10)) $(awk '/VmRSS/{print $2}' /proc/$pid/status)" >>"$d/rss.txt"
done
python3 - "$pid" >>"$d/rss.txt" <<'PY'
import sys, re, collections
pid = sys.argv[1]; cur = None; agg = collections.Counter()
for line in open(f'/proc/{pid}/smaps'):
    m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \d+\s*(.*)$', line)
    if m:
        cur = (m.group(4) or '[anon]').split('/')[-1] + ' ' + m.group(3); continue
    k = line.split(':')[0]
    if k in ('Rss', 'Private_Dirty'):
        agg[(cur, k)] += int(line.split()[1])
for (c, k), v in sorted(agg.items(), key=lambda x: -x[1])[:8]:
    print(f'{v // 1024:4d} MB {k:13s} {c}')
PY
kill $pid; wait $pid
echo "$name final $(grep -E '^[0-9]+ ' "$d/rss.txt" | tail -1)"
