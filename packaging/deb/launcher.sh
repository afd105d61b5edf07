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
defaults="-Xmx${TANHE_HEAP:-128m} -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k"
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
# shellcheck disable=SC2086
exec "$java" ${TANHE_JAVA_OPTS:-$defaults} $logdir -Dtanhe.release="$release" --enable-native-access=ALL-UNNAMED \
    -cp "$cp" io.tanhe.cli.TanheCli "$@"
