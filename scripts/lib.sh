# Shared by scripts/boxlab and scripts/test: find the project, install what is missing, build the jar.
# shellcheck shell=bash

_lib=${BASH_SOURCE[0]}
[[ $_lib == */* ]] || _lib=./$_lib
BOXLAB_HOME=$(cd "${_lib%/*}/.." && pwd)
BOXLAB_JAR="$BOXLAB_HOME/app/target/boxlab.jar"
BOXLAB_JSA="$BOXLAB_HOME/app/target/boxlab.jsa"
# written after a build: the jar is the sources' as of this file's time (see jar_stale_quick)
BOXLAB_STAMP="$BOXLAB_HOME/app/target/boxlab.stamp"

# tool -> Debian package: the one list, shared with sandbox Host.java
BOXLAB_TOOLS=()
while read -r tool package; do
  case "$tool" in ''|'#'*) continue ;; esac
  BOXLAB_TOOLS+=("$tool:$package")
done <"$BOXLAB_HOME/sandbox/src/main/resources/dev/boxlab/sandbox/tools.txt"

say() { printf 'boxlab: %s\n' "$*" >&2; }

# Installs the Debian packages for missing tools when we are root on Debian/Ubuntu; otherwise
# prints the exact command and fails.
ensure_packages() {
  local missing=() pkgs=() t p
  for entry in "${BOXLAB_TOOLS[@]}"; do
    t=${entry%%:*}; p=${entry#*:}
    if ! PATH="$PATH:/usr/sbin:/sbin" command -v "$t" >/dev/null 2>&1; then
      missing+=("$t"); [[ " ${pkgs[*]} " == *" $p "* ]] || pkgs+=("$p")
    fi
  done
  # java and maven build and run boxlab itself
  command -v java >/dev/null 2>&1 || { missing+=(java); pkgs+=(default-jdk-headless); }
  command -v mvn >/dev/null 2>&1 || { missing+=(mvn); pkgs+=(maven); }
  [ ${#pkgs[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${pkgs[*]} (for ${missing[*]})"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}"; } >/tmp/boxlab-apt.log 2>&1; then
      say "apt-get install failed; see /tmp/boxlab-apt.log"
      return 1
    fi
  else
    say "missing: ${missing[*]}"
    say "install them with:  sudo apt-get install -y ${pkgs[*]}"
    return 1
  fi
}

# True when the jar is missing or older than any source, lesson or pom (a walk of the tree).
jar_stale() {
  [ -f "$BOXLAB_JAR" ] || return 0
  newer_source "$BOXLAB_JAR"
}

# True when a source, lesson or pom is newer than file $1.
newer_source() {
  [ -n "$(find "$BOXLAB_HOME" -path '*/target' -prune -o -path "$BOXLAB_HOME/.git" -prune -o \
      \( -name '*.java' -o -name '*.yaml' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
      -type f -newer "$1" -print -quit)" ]
}

# The launcher's check, with no walk of the tree on the way to the JVM: a stamp newer than the jar
# says the jar was up to date when it was written (after a build, or after a walk found nothing
# newer). The walk then runs beside the JVM's start; a source edited since drops the stamp, so the
# next start rebuilds. Without a stamp (a jar built by hand with mvn) it is the full check.
jar_stale_quick() {
  if [ -f "$BOXLAB_JAR" ] && [ -f "$BOXLAB_STAMP" ] && ! [ "$BOXLAB_JAR" -nt "$BOXLAB_STAMP" ]; then
    (newer_source "$BOXLAB_STAMP" && rm -f "$BOXLAB_STAMP") </dev/null >/dev/null 2>&1 &
    return 1
  fi
  jar_stale && return 0
  touch "$BOXLAB_STAMP" 2>/dev/null || true
  return 1
}

build_jar() {
  say "building boxlab (mvn package, about a minute the first time)..."
  if ! (cd "$BOXLAB_HOME" && mvn -q -B -DskipTests package) >/tmp/boxlab-build.log 2>&1; then
    say "the build failed; see /tmp/boxlab-build.log"
    tail -20 /tmp/boxlab-build.log >&2
    return 1
  fi
  build_cds
}

# An AppCDS archive of the classes a start loads makes the first frame come sooner; a failure here
# only costs speed.
build_cds() {
  rm -f "$BOXLAB_JSA"
  # the stamp's time is the build's: a source edited during the archive's training is newer
  touch "$BOXLAB_STAMP" 2>/dev/null || true
  # trained on drawing the screens once (no lab, no terminal needed) so the TUI's classes are in it
  java -XX:ArchiveClassesAtExit="$BOXLAB_JSA" -jar "$BOXLAB_JAR" --warm-up >/dev/null 2>&1 || rm -f "$BOXLAB_JSA"
}

java_cmd() {
  java_args "$@"
  printf '%s\n' "${BOXLAB_JAVA[@]}"
}

# the same in the array BOXLAB_JAVA, with no subshell (the launcher); a stale or missing CDS archive
# only costs start time, so the JVM says nothing of it on the learner's terminal. java_args serve:
# for boxlab serve, a server that runs for hours drawing many screens, the full JIT (C2: less CPU
# per keystroke than the quick-starting C1 alone, see the README's serve figures)
java_args() {
  # shellcheck disable=SC2054 # the commas are -Xlog's own
  BOXLAB_JAVA=(java -Djdk.lang.Process.launchMechanism=VFORK -XX:+UseSerialGC -Xshare:auto -Xlog:cds=off,cds+dynamic=off)
  [ "${1:-}" = serve ] || BOXLAB_JAVA+=(-XX:TieredStopAtLevel=1)
  [ -f "$BOXLAB_JSA" ] && BOXLAB_JAVA+=(-XX:SharedArchiveFile="$BOXLAB_JSA")
  BOXLAB_JAVA+=(-jar "$BOXLAB_JAR")
}

# "PID ID" of the lab init started by process $1 or one of its descendants (other labs may be running)
lab_of() {
  local p q
  for p in $(pgrep -f '^boxlab-lab-'); do
    q=$p
    while [ "$q" -gt 1 ]; do
      if [ "$q" = "$1" ]; then
        echo "$p $(tr '\0' ' ' </proc/"$p"/cmdline | sed 's/^boxlab-lab-//; s/ .*//')"
        return 0
      fi
      # the parent pid follows the command name, which is in parentheses and may hold spaces
      q=$(sed 's/.*) //' /proc/"$q"/stat 2>/dev/null | cut -d' ' -f2)
      [ -n "$q" ] || q=1
    done
  done
  return 1
}

# descends_from PID ANCESTOR: true when PID is ANCESTOR or one of its descendants
descends_from() {
  local q=$1
  while [ -n "$q" ] && [ "$q" -gt 1 ]; do
    [ "$q" = "$2" ] && return 0
    q=$(sed 's/.*) //' /proc/"$q"/stat 2>/dev/null | cut -d' ' -f2)
  done
  return 1
}

# other_labs SELF: "id ID" and "pid PID" lines for the labs that other live boxlab processes own
# (their owner is not SELF or a descendant of it): someone else's lab open on this machine, which a
# check for leftovers must not count. A lab whose owner died is not listed: it is a leak. The one
# definition: scripts/test's host_state and the Java tests' OtherLabs both ask it.
other_labs() {
  local -; set +e
  local w owner id table=
  for w in $(pgrep -f 'boxlab-labwrap-'); do
    tr '\0' ' ' 2>/dev/null </proc/"$w"/cmdline | grep -q '^bash ' || continue
    owner=$(tr '\0' '\n' 2>/dev/null </proc/"$w"/environ | sed -n 's/^BOXLAB_OWNER=//p')
    # a wrapper of an older boxlab names no owner: the process that started it is
    [ -n "$owner" ] || owner=$(sed 's/.*) //' /proc/"$w"/stat 2>/dev/null | cut -d' ' -f2)
    if [ -z "$owner" ] || ! kill -0 "$owner" 2>/dev/null; then continue; fi
    descends_from "$owner" "$1" && continue
    id=$(tr '\0\n' '  ' 2>/dev/null </proc/"$w"/cmdline | sed 's/.*boxlab-labwrap-//; s/ .*//')
    echo "id $id"
    # the owner and every process below it, from one read of the process table
    [ -n "$table" ] || table=$(ps -e -o pid=,ppid=)
    awk -v owner="$owner" '{ parent[$1] = $2 }
      END { for (p in parent) for (q = p; q > 1; q = parent[q]) if (q == owner) { print "pid " p; break } }' <<<"$table"
  done
}
