# Shared by the tmux end-to-end tests (sourced, not run: scripts/test runs only e2e/*.sh).
# shellcheck shell=bash
# shellcheck source=scripts/lib.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lib.sh"

passed=0; failed=0
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
# lab_in TARGET: "PID ID" of the lab started by the program in that pane
lab_in() { lab_of "$(tmux display -p -t "$1" '#{pane_pid}')"; }
summary() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; }
