# Sourced by ./mvnw and ./scim: the build targets Java 21 and Elasticsearch 9 needs 21+, so when
# JAVA_HOME is unset or older we pick the newest JDK 21+ found in the usual places.
scim_jdk_major() {
  [ -f "$1/release" ] || { echo 0; return; }
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}
scim_select_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ "$(scim_jdk_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  _scim_restore_f=$(case $- in *f*) echo yes;; esac)
  set +f
  _scim_best="" _scim_best_major=0
  _scim_path_java=$(command -v java 2>/dev/null || true)
  [ -n "$_scim_path_java" ] && _scim_path_java=$(dirname "$(dirname "$(readlink -f "$_scim_path_java")")")
  for _scim_candidate in "$_scim_path_java" /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -x "$_scim_candidate/bin/javac" ] || continue
    _scim_major=$(scim_jdk_major "$_scim_candidate")
    if [ "${_scim_major:-0}" -gt "$_scim_best_major" ] 2>/dev/null; then
      _scim_best=$_scim_candidate _scim_best_major=$_scim_major
    fi
  done
  [ "$_scim_restore_f" = yes ] && set -f
  if [ "$_scim_best_major" -ge 21 ]; then
    export JAVA_HOME="$_scim_best"
  else
    echo "A JDK 21 or newer is required (set JAVA_HOME); none was found." >&2
    exit 1
  fi
}
scim_select_jdk
