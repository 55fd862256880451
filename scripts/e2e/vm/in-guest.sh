#!/usr/bin/env bash
# Runs in the VM guest (scripts/e2e/vm.sh), as root in /opt/boxlab after vagrant/provision.sh:
# the workshop check on the lessons given, then the lab kernel tests (JUnit, without Maven: the
# compiled tests and their jars are in /job/files, sent by the host).
set -uo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../.." || exit 3
status=0
# under emulation (no KVM) a guest runs many times slower than the machine: lab setup and checks get longer
if [ "${BOXLAB_VM_ACCEL:-}" = tcg ]; then export BOXLAB_TIMEOUT_SCALE=${BOXLAB_TIMEOUT_SCALE:-5}; fi
echo "== accel ${BOXLAB_VM_ACCEL:-?}, lab setup and check timeouts x${BOXLAB_TIMEOUT_SCALE:-1}"
echo "== cgroups: $(stat -fc %T /sys/fs/cgroup); root controllers: $(cat /sys/fs/cgroup/cgroup.controllers 2>/dev/null)"
echo "== scripts/workshop-check $*"
BOXLAB_CHECK_SHOW="cgroups runtime" scripts/workshop-check "$@" || status=1
if [ -d /job/files/tests ]; then
  echo "== kernel tests: ${KERNEL_TESTS:-dev.boxlab.sandbox.LabTest dev.boxlab.app.KillTest}"
  t=$(date +%s)
  # The JVM flags the launcher gives boxlab (scripts/lib.sh): C1 only, serial GC. Twice under TCG
  # with two vCPUs, the default JVM (C2 recompiling, G1) crashed in a freshly compiled C1 method
  # at its entry (SIGSEGV, "irrecoverable stack overflow"), while the app, run with these flags,
  # never did; we suspect QEMU's multi-threaded TCG and the JIT's patching of compiled code
  # shellcheck disable=SC2086
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dboxlab.requireRoot=true -XX:ErrorFile=/tmp/hs_err_%p.log -cp "/job/files/tests/lib/*:/job/files/tests/classes" \
    scripts/e2e/vm/KernelTests.java ${KERNEL_TESTS:-dev.boxlab.sandbox.LabTest dev.boxlab.app.KillTest} || status=1
  # a JVM that crashed: its thread and Java frames, which the guest takes with it otherwise
  for f in /tmp/hs_err_*.log; do
    [ -e "$f" ] || continue
    echo "== $f (the crashed thread and its Java frames)"
    sed -n '/^Current thread/p; /^Problematic frame/,/^$/p; /^Native frames/,/^$/p; /^Java frames/,/^$/p' "$f" | head -80
  done
  echo "   ($(( $(date +%s) - t )) s)"
fi
exit "$status"
