# Shared by the tmux end-to-end tests (sourced, not run: scripts/test runs only e2e/*.sh).
# shellcheck shell=bash
# shellcheck source=scripts/lib.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lib.sh"

passed=0; failed=0
# e2e_start NAME: the test's own tmux session ($session; it and the temporary directory $tmp go at
# exit), the learner's progress in $tmp, and the machine's network namespaces before ($netns_before)
e2e_start() {
  session="boxlab-e2e-$1-$$"
  tmp=$(mktemp -d)
  trap 'tmux kill-session -t "$session" 2>/dev/null; rm -rf "$tmp"' EXIT
  netns_before=$(ip netns list | sort)
  export BOXLAB_PROGRESS="$tmp/progress.json"
}
ok() { passed=$((passed + 1)); echo "ok   $*"; }
# bad TARGET WHAT: a failure, with the pane's screen to see why
bad() { failed=$((failed + 1)); echo "FAIL $2"; tmux capture-pane -p -t "$1" 2>/dev/null | sed 's/^/     | /'; }
# screen TARGET: what the pane shows; with E2E_SCROLLBACK=1 (line-mode tests) the scrollback too
screen() {
  if [ "${E2E_SCROLLBACK:-0}" = 1 ]; then tmux capture-pane -p -J -S -300 -t "$1"; else tmux capture-pane -p -t "$1"; fi
}
# wait_for TARGET TEXT [SECONDS]: until the pane shows TEXT
wait_for() {
  local i
  for ((i = 0; i < ${3:-20} * 10; i++)); do
    screen "$1" | grep -qF -- "$2" && return 0
    sleep 0.1
  done
  return 1
}
# check TARGET TEXT SECONDS WHAT
check() { if wait_for "$1" "$2" "${3:-20}"; then ok "$4"; else bad "$1" "$4"; fi; }
# gone PID [SECONDS]: until the process has ended
gone() {
  local i
  for ((i = 0; i < ${2:-10} * 10; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}
# lab_gone "PID ID" [SECONDS]: the lab's init has ended and the machine's network namespaces are as before
lab_gone() { gone "${1%% *}" "${2:-10}" && [ "$(ip netns list | sort)" = "$netns_before" ]; }
# lab_cgroups_gone "PID ID": no cgroup directory of the lab is left
lab_cgroups_gone() { [ -z "$(find /sys/fs/cgroup -maxdepth 3 -path "*boxlab/${1#* }" 2>/dev/null)" ]; }
# quits_clean TARGET "PID ID": q, then y at the question, boxlab exits with 0, and the lab leaves nothing
quits_clean() {
  tmux send-keys -t "$1" q
  check "$1" "Quit boxlab?" 5 "q asks first"
  tmux send-keys -t "$1" y
  check "$1" "EXITED 0" 15 "y quits"
  if lab_gone "$2" && lab_cgroups_gone "$2"; then ok "the lab, its namespaces and cgroups are gone"; else bad "$1" "the lab is gone"; fi
}
# lab_in TARGET: "PID ID" of the lab started by the program in that pane
lab_in() { lab_of "$(tmux display -p -t "$1" '#{pane_pid}')"; }
summary() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; }
