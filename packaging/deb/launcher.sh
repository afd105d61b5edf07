#!/bin/sh
# The installed tanhe command: the bundled Java runtime (jlink'd Java 25) with the launcher's defaults for a small
# industrial PC (see the source tree's ./tanhe). TANHE_JAVA_OPTS replaces the defaults; TANHE_LOG_DIR moves the log
# of `run` (the service: /var/log/tanhe).
#
# A release installed by a remote upgrade (docs/operations.md, remote upgrade) runs instead of the packaged build:
# $TANHE_INSTALL_ROOT/current (default /opt/tanhe/current) with its own runtime if it carries one. TANHE_RELEASE=base
# runs the packaged build whatever `current` says: the service's ExecStartPre check runs so, so that a broken release
# cannot stop the check that rolls it back. Jars of optional components (components/*/current/lib/*.jar) join the
# class path.
set -eu
here="$(dirname "$(readlink -f "$0")")"
root="$(dirname "$here")"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# the heap starts at 48 MB and follows the live data, also below 48 MB (InitialHeapSize, not -Xms, which would be a
# floor); compact object headers; glibc's freed memory is given back every 5 s; no temporary direct buffer over 256 KB
# is cached per thread (docs/performance.md)
# the initial heap, not above the limit (a TANHE_HEAP under 48m starts at its limit)
initial=48m
case "${TANHE_HEAP:-}" in [1-9]m|[1-3][0-9]m|4[0-7]m) initial="$TANHE_HEAP" ;; esac
defaults="-Xmx${TANHE_HEAP:-128m} -XX:InitialHeapSize=$initial -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10 -XX:-ShrinkHeapInSteps -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k -XX:TrimNativeHeapInterval=5000 -Djdk.nio.maxCachedBufferSize=262144"
logdir=""
if [ -n "${TANHE_LOG_DIR:-}" ]; then logdir="-Dtanhe.log.dir=$TANHE_LOG_DIR"; fi
install_root="${TANHE_INSTALL_ROOT:-/opt/tanhe}"
if [ -d "$install_root" ]; then export TANHE_INSTALL_ROOT="$install_root"; fi
jar="$root/lib/tanhe.jar"
java="$root/runtime/bin/java"
release=base
if [ "${TANHE_RELEASE:-}" != base ] && [ -f "$install_root/current/lib/tanhe.jar" ]; then
  current="$(readlink -f "$install_root/current")"
  jar="$current/lib/tanhe.jar"
  release="$(basename "$current")"
  if [ -x "$current/runtime/bin/java" ]; then java="$current/runtime/bin/java"; fi
fi
cp="$jar"
for c in "$install_root"/components/*/current/lib/*.jar; do
  if [ -f "$c" ]; then cp="$cp:$c"; fi
done
# The packaged build's AOT cache (JEP 483/514) of a terminal's classes, trained by the package build with these defaults
# (build-deb.sh): for the commands that run a terminal, not for `check` and its kin, which it would make load all of
# Drools; not with TANHE_JAVA_OPTS (a cache must be used with the flags it was made with) nor with another release's jar.
# TANHE_AOT=0 turns it off.
cache=""
case "${1:-}" in
  check|test|fmt|graph|eval|explain|list|diff|help|-h|--help|-V|--version|"") ;;
  *) if [ "$release" = base ] && [ -z "${TANHE_JAVA_OPTS:-}" ] && [ "${TANHE_AOT:-1}" != 0 ] && [ -f "$root/lib/tanhe-terminal.aot" ]; then
       cache="-XX:AOTCache=$root/lib/tanhe-terminal.aot"
     fi ;;
esac
# shellcheck disable=SC2086
exec "$java" ${TANHE_JAVA_OPTS:-$defaults} $cache $logdir -Dtanhe.release="$release" --enable-native-access=ALL-UNNAMED \
    -cp "$cp" io.tanhe.cli.TanheCli "$@"
