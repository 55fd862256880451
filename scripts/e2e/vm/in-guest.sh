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
  # shellcheck disable=SC2086
  java -Dboxlab.requireRoot=true -XX:ErrorFile=/tmp/hs_err_%p.log -cp "/job/files/tests/lib/*:/job/files/tests/classes" \
    scripts/e2e/vm/KernelTests.java ${KERNEL_TESTS:-dev.boxlab.sandbox.LabTest dev.boxlab.app.KillTest} || status=1
  # a JVM that crashed: its thread and Java frames, which the guest takes with it otherwise
  for f in /tmp/hs_err_*.log; do
    [ -e "$f" ] || continue
    echo "== $f (the crashed thread and its Java frames)"
    sed -n '/^Current thread/p; /^Java frames/,/^$/p' "$f" | head -60
  done
  echo "   ($(( $(date +%s) - t )) s)"
fi
exit "$status"
