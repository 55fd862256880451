#!/usr/bin/env bash
# The workshop VM for real: boots a Debian 12 guest (cgroup v2, as on the Vagrant box) with QEMU
# (scripts/vm), provisions it with vagrant/provision.sh, and there, as root: boxlab --list, the
# lessons cgroups, runtime, processes, rootfs and networking end to end, the lesson screen at 80x24
# in tmux, SIGKILL leaving nothing, and the lab kernel tests (LabTest, KillTest).
# Where QEMU cannot run it says so loudly and exits 77 (skipped; scripts/test reports it).
#   BOXLAB_VM_LESSONS="cgroups runtime"   other lessons     BOXLAB_VM_SKIP=1   skip on purpose (still reported)
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=scripts/lib.sh
. "$here/scripts/lib.sh"
skip() {
  printf '\n%s\n' "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  printf '!!! SKIPPED: the VM test did not run: %s\n' "$*"
  printf '!!! cgroup v2 and the workshop VM are NOT proven by this run.\n'
  printf '%s\n\n' "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  exit 77
}
[ "${BOXLAB_VM_SKIP:-0}" = 1 ] && skip "BOXLAB_VM_SKIP=1"
why=$("$here/scripts/vm" can-run 2>&1) || skip "QEMU cannot run here: $why"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# offline first; a fresh machine may not have the dependency plugin yet (Maven Central has it)
mvn_here() { (cd "$here" && { mvn -q -B -o "$@" || mvn -q -B "$@"; }) >>"$tmp/mvn.log" 2>&1; }
# the compiled tests and the jars they need, for a guest without Maven Central
if jar_stale || [ ! -d "$here/app/target/test-classes" ] || [ ! -d "$here/sandbox/target/test-classes" ] ||
   [ -n "$(find "$here"/*/src/test -newer "$here/app/target/test-classes" -type f -print -quit)" ]; then
  mvn_here -DskipTests package || { cat "$tmp/mvn.log"; echo "FAIL build"; exit 1; }
fi
mkdir -p "$tmp/files/tests/lib" "$tmp/files/tests/classes"
mvn_here -pl sandbox dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$tmp/cp.txt" ||
  { cat "$tmp/mvn.log"; echo "FAIL the tests' classpath"; exit 1; }
tr ':' '\n' <"$tmp/cp.txt" | grep -E '/(junit-|opentest4j|apiguardian)' | xargs -r cp -t "$tmp/files/tests/lib"
# the launcher surefire would add, of the same platform version as the engine
engine=$(ls "$tmp/files/tests/lib"/junit-platform-engine-*.jar)
v=${engine##*/junit-platform-engine-}; v=${v%.jar}
mvn_here -N dependency:copy -Dartifact="org.junit.platform:junit-platform-launcher:$v" -DoutputDirectory="$tmp/files/tests/lib" ||
  { cat "$tmp/mvn.log"; echo "FAIL junit-platform-launcher $v"; exit 1; }
cp "$BOXLAB_JAR" "$tmp/files/tests/lib/"
cp -a "$here/sandbox/target/test-classes/." "$here/app/target/test-classes/." "$tmp/files/tests/classes/"

t=$(date +%s)
# shellcheck disable=SC2086
"$here/scripts/vm" run --files "$tmp/files" -- scripts/e2e/vm/in-guest.sh ${BOXLAB_VM_LESSONS:-cgroups runtime processes rootfs networking}
status=$?
[ "$status" -eq 77 ] && skip "scripts/vm could not build or boot the guest (see above)"
echo "the VM test took $(( $(date +%s) - t )) s"
[ "$status" -eq 0 ] && echo "ok   the workshop VM (Debian 12, cgroup v2): provisioned, lessons, screen, kernel tests" || echo "FAIL the workshop VM (exit $status)"
exit "$status"
