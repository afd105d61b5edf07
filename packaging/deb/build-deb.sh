#!/usr/bin/env bash
# Builds the tanhe Debian package: a jlink'd Java 25 runtime, tanhe.jar, the launcher, the hardened systemd unit,
# /etc/tanhe (the demo site as a starting point, the service's options) and the maintainer scripts.
# Called by Maven (server/app, profile deb) after the jar is shaded; callable by hand to repackage a jar.
#
#   build-deb.sh JAR VERSION OUTDIR
#
# The runtime is made once per OUTDIR and reused while the JDK does not change. Needs dpkg-deb (Debian).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$1"; version="$2"; out="$(mkdir -p "$3" && cd "$3" && pwd)" # absolute: the AOT training runs in another directory
jdk="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# the modules `jdeps --print-module-deps --multi-release 25 tanhe.jar` names (it takes minutes, so not run at each
# build: rerun it when a dependency is added), plus what only runs by reflection or service loading: GBK/GB18030
# (HJ 212 peers, Chinese meters), Chinese locale data, zip file systems (POI), EC and DNS providers
modules="java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.prefs,java.scripting,\
java.security.jgss,java.sql,java.xml.crypto,jdk.management,jdk.unsupported,jdk.charsets,jdk.localedata,jdk.zipfs,\
jdk.crypto.ec,jdk.naming.dns,jdk.net"
runtime="$out/runtime"
stamp="$out/runtime.jdk"
if [ ! -x "$runtime/bin/java" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$jdk $modules" ]; then
  rm -rf "$runtime"
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
      --compress zip-6 --output "$runtime"
  echo "$jdk $modules" > "$stamp"
fi
# Debian orders 0.1.0~SNAPSHOT before 0.1.0; a snapshot carries its build time, so a later build is an upgrade
if [[ "$version" == *SNAPSHOT ]]; then version="$version+$(date -u +%Y%m%d%H%M%S)"; fi
deb_version="${version//-/\~}"
work="$out/deb-root"
rm -rf "$work"
mkdir -p "$work/DEBIAN" "$work/usr/lib/tanhe/lib" "$work/usr/lib/tanhe/bin" "$work/usr/bin" "$work/etc/tanhe" \
    "$work/lib/systemd/system" "$work/usr/share/doc/tanhe"
cp -a "$runtime" "$work/usr/lib/tanhe/runtime"
install -m 0644 "$jar" "$work/usr/lib/tanhe/lib/tanhe.jar"
install -m 0755 "$here/launcher.sh" "$work/usr/lib/tanhe/bin/tanhe"
# The AOT cache of a terminal's classes (JEP 483/514; the launcher uses it for the commands that run a terminal):
# the demo for one simulated minute in a scratch directory, with its API on a free local port (Jetty, Javalin and the
# API's classes are ~2,000 of those a terminal loads), with the bundled runtime and the
# launcher's own defaults and options, as the source tree's ./tanhe makes its cache. Without it the package still works.
eval "$(sed -n '/^initial=/,/^defaults=/p' "$here/launcher.sh")" # the launcher's defaults, as it computes them
training="$(mktemp -d)"
# shellcheck disable=SC2154,SC2086
if (cd "$training" && MALLOC_ARENA_MAX=2 "$work/usr/lib/tanhe/runtime/bin/java" $defaults \
      -XX:AOTCacheOutput="$training/tanhe-terminal.aot" --enable-native-access=ALL-UNNAMED \
      -cp "$work/usr/lib/tanhe/lib/tanhe.jar" io.tanhe.cli.TanheCli demo --data-dir "$training/data" --port 0 --minutes 1 \
      --speed 600 >"$training/log" 2>&1) && [ -s "$training/tanhe-terminal.aot" ]; then
  install -m 0644 "$training/tanhe-terminal.aot" "$work/usr/lib/tanhe/lib/tanhe-terminal.aot"
else
  echo "build-deb: no AOT cache (its training run failed; the package starts without it):" >&2
  tail -5 "$training/log" >&2
fi
rm -rf "$training" # the demo's log holds its one-time passwords
ln -s ../lib/tanhe/bin/tanhe "$work/usr/bin/tanhe"
install -m 0644 "$here/tanhe.service" "$work/lib/systemd/system/tanhe.service"
install -m 0640 "$here/tanhe.env" "$work/etc/tanhe/tanhe.env"
# the demo site (simulated meters) as the starting point; replace it with the plant's site file (docs/site.md)
unzip -p "$jar" io/tanhe/sim/demo/site.yaml > "$work/etc/tanhe/site.yaml"
unzip -p "$jar" io/tanhe/sim/demo/demo-site.factors.yaml > "$work/etc/tanhe/demo-site.factors.yaml"
chmod 0640 "$work/etc/tanhe/site.yaml" "$work/etc/tanhe/demo-site.factors.yaml"
root_of_tree="$(cd "$here/../.." && pwd)"
install -m 0644 "$root_of_tree/README.md" "$work/usr/share/doc/tanhe/README.md"
[ -f "$root_of_tree/docs/operations.md" ] && install -m 0644 "$root_of_tree/docs/operations.md" "$work/usr/share/doc/tanhe/operations.md"
for s in postinst prerm postrm; do install -m 0755 "$here/$s" "$work/DEBIAN/$s"; done
printf '/etc/tanhe/site.yaml\n/etc/tanhe/demo-site.factors.yaml\n/etc/tanhe/tanhe.env\n' > "$work/DEBIAN/conffiles"
size="$(du -sk "$work" | cut -f1)"
cat > "$work/DEBIAN/control" <<CONTROL
Package: tanhe
Version: $deb_version
Architecture: amd64
Maintainer: Tanhe <tanhe@localhost>
Installed-Size: $size
Depends: passwd, libc6
Section: misc
Priority: optional
Homepage: https://github.com/tanhe/tanhe
Description: Tanhe carbon-emission online monitoring terminal
 Reads meters, computes CO2 by the accounting guidelines, evaluates rules and
 alerts, keeps a durable store and reports to data centres over HJ 212.
 Carries its own Java 25 runtime; runs as the system service tanhe.
CONTROL
mkdir -p "$out"
deb="$out/tanhe_${deb_version}_amd64.deb"
dpkg-deb --root-owner-group -Zgzip --build "$work" "$deb" >/dev/null
rm -rf "$work"
echo "$deb"
