# Sourced by ./tanhe and .ci/run: finds a JDK 25 and exports JAVA_HOME and PATH for it.
# Order: $JAVA_HOME if it is a JDK 25, else the newest /usr/lib/jvm/*25*; otherwise stop and say what to install.
tanhe_jdk_version() {
  [ -x "$1/bin/javac" ] || return 1
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}
tanhe_find_jdk25() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && [ "$(tanhe_jdk_version "$JAVA_HOME")" = 25 ]; then
    return 0
  fi
  for candidate in $(ls -d /usr/lib/jvm/*25* 2>/dev/null | sort -r); do
    if [ "$(tanhe_jdk_version "$candidate")" = 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "tanhe: needs a JDK 25 (Java 25 LTS), and found none: JAVA_HOME is '${JAVA_HOME:-unset}' and /usr/lib/jvm has no *25* JDK." >&2
  echo "tanhe: install one (e.g. Temurin 25: apt-get install temurin-25-jdk from the Adoptium repository) or point JAVA_HOME at it." >&2
  return 1
}
tanhe_find_jdk25 || exit 3
export PATH="$JAVA_HOME/bin:$PATH"
