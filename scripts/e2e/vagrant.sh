#!/usr/bin/env bash
# The workshop VM's files, checked on this machine (same Debian as the VM): the Vagrantfile
# validates, the scripts pass shellcheck, and the provisioning script runs twice (idempotent)
# into a scratch prefix, after which `boxlab --list` works from the PATH.
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

for tool in vagrant:vagrant shellcheck:shellcheck; do
  command -v "${tool%%:*}" >/dev/null 2>&1 && continue
  echo "installing ${tool#*:} for this check"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${tool#*:}"; } >"$tmp/apt.log" 2>&1 \
    || { cat "$tmp/apt.log"; bad "install ${tool#*:}"; }
done

# 1. vagrant validate, with its state kept out of the repository and the home directory
if (cd "$here/vagrant" && VAGRANT_HOME="$tmp/vagrant.d" VAGRANT_DOTFILE_PATH="$tmp/dot" \
      vagrant validate --ignore-provider) >"$tmp/validate.log" 2>&1; then
  ok "vagrant validate"
else
  cat "$tmp/validate.log"; bad "vagrant validate"
fi

# 2. shellcheck on every script
scripts=("$here"/scripts/boxlab "$here"/scripts/test "$here"/scripts/bench "$here"/scripts/lib.sh \
         "$here"/scripts/e2e/*.sh "$here"/scripts/e2e/vm/*.sh "$here"/scripts/vm "$here"/scripts/workshop-check \
         "$here"/vagrant/provision.sh "$here"/.ci/run)
if shellcheck -x "${scripts[@]}"; then ok "shellcheck (${#scripts[@]} scripts)"; else bad "shellcheck"; fi

# 3. provisioning, twice, into a scratch prefix
for run in 1 2; do
  if BOXLAB_PREFIX="$tmp/prefix" BOXLAB_ETC="$tmp/etc" bash "$here/vagrant/provision.sh" >"$tmp/provision$run.log" 2>&1; then
    ok "provision.sh run $run"
  else
    cat "$tmp/provision$run.log"; bad "provision.sh run $run"
  fi
done
if list=$(PATH="$tmp/prefix/bin:$PATH" boxlab --list 2>&1) && grep -q '^networking ' <<<"$list"; then
  ok "boxlab --list from the PATH"
else
  echo "$list"; bad "boxlab --list from the PATH"
fi
if greeting=$(bash -ic ". '$tmp/etc/profile.d/boxlab.sh'" 2>/dev/null) && grep -q 'sudo boxlab --lesson networking' <<<"$greeting"; then
  ok "login greeting"
else
  bad "login greeting"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
