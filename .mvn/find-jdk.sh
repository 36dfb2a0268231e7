# Sourced by ./mvnw and the rollcall launchers (bin/rollcall, rollcall-workbench): makes JAVA_HOME point at a
# Java 21 or newer.
# RollCall's bundles (and Eclipse BIRT 4.22) need Java 21; many machines default to 17.
rollcall_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
rollcall_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(rollcall_java_major "$JAVA_HOME/bin/java")
    [ "${v:-0}" -ge 21 ] 2>/dev/null && return 0
  fi
  if command -v java >/dev/null 2>&1; then
    v=$(rollcall_java_major java)
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")"); export JAVA_HOME; return 0
    fi
  fi
  set +f  # the caller may have disabled globbing
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$d/bin/java" ] || continue
    v=$(rollcall_java_major "$d/bin/java")
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then JAVA_HOME="$d"; export JAVA_HOME; return 0; fi
  done
  echo "RollCall needs a JDK 21 or newer and found none: install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME." >&2
  return 1
}
rollcall_find_jdk || exit 1
