#!/usr/bin/env bash
# The terminal pane as a learner uses it, in tmux: the networking lesson at step 4, Enter into the
# terminal; enter netns0 with `ip netns exec netns0 bash` (the prompt says netns0, ip -br addr shows
# ceth0 and not veth0), exit back to lab-host; ping without -c, then Ctrl-C: the prompt is back
# within 2 s and the next command runs; top opens, q closes it; a command typed in `boxlab shell` in
# a second window is marked in the first window's state pane within a second; F9 leaves the
# terminal for boxlab's keys. Then the demo types its command into the terminal. Nothing is left.
set -uo pipefail
# shellcheck source=scripts/e2e/common.bash
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.bash"
session="boxlab-e2e-terminal-$$"
tmp=$(mktemp -d)
trap 'tmux kill-session -t "$session" 2>/dev/null; rm -rf "$tmp"' EXIT
netns_before=$(ip netns list | sort)
export BOXLAB_PROGRESS="$tmp/progress.json"
# the terminal pane's last prompt line
prompt() { screen "$1" | grep -E '^[a-z0-9?-]+# ' | tail -1; }
# wait_prompt TARGET NAME [SECONDS]: until the last line of the pane's text is NAME's empty prompt
wait_prompt() {
  local i
  for ((i = 0; i < ${3:-10} * 20; i++)); do
    [ "$(screen "$1" | grep -E '^[a-z0-9?-]+#' | tail -1 | sed 's/ *$//')" = "$2#" ] && return 0
    sleep 0.05
  done
  return 1
}

tmux new-session -d -s "$session" -x 100 -y 34 -n lesson \
  "BOXLAB_PROGRESS=$BOXLAB_PROGRESS $BOXLAB_HOME/scripts/boxlab --lesson networking --step 4; echo EXITED \$?; sleep 30"
w="$session:lesson"
check "$w" "lab ready" 90 "the lesson opens at step 4 with its lab"
lab=$(lab_in "$w") || lab="0 none"
check "$w" "Enter: type here" 5 "the terminal pane says how to type in it"
tmux send-keys -t "$w" Enter
check "$w" "F9 boxlab keys" 5 "Enter focuses the terminal; the key bar says F9 leaves it"
if wait_prompt "$w" lab-host 10; then ok "the prompt says lab-host#"; else bad "$w" "the prompt says lab-host#"; fi

# --- into a namespace and back -------------------------------------------------------------------
tmux send-keys -t "$w" -l 'ip netns exec netns0 bash'
tmux send-keys -t "$w" Enter
if wait_prompt "$w" netns0 5; then ok "ip netns exec netns0 bash: the prompt says netns0#"; else bad "$w" "the prompt says netns0#"; fi
tmux send-keys -t "$w" -l 'clear; ip -br addr'
tmux send-keys -t "$w" Enter
check "$w" "ceth0@" 5 "inside netns0, ip -br addr shows ceth0"
if screen "$w" | grep -q '^veth0'; then bad "$w" "and not veth0"; else ok "and not veth0"; fi
tmux send-keys -t "$w" -l 'exit'
tmux send-keys -t "$w" Enter
if wait_prompt "$w" lab-host 5; then ok "exit: back on lab-host"; else bad "$w" "exit: back on lab-host"; fi
tmux send-keys -t "$w" -l 'clear; ip -br addr'
tmux send-keys -t "$w" Enter
check "$w" "veth0@" 5 "on the lab host ip -br addr shows veth0 again"

# --- Ctrl-C ----------------------------------------------------------------------------------------
tmux send-keys -t "$w" -l 'clear; ping 172.18.0.10'
tmux send-keys -t "$w" Enter
check "$w" "bytes from 172.18.0.10" 5 "ping without -c runs"
start=$(date +%s%N)
tmux send-keys -t "$w" C-c
if wait_prompt "$w" lab-host 2; then
  ok "Ctrl-C stops it: the prompt is back in $(( ($(date +%s%N) - start) / 1000000 )) ms"
else
  bad "$w" "Ctrl-C stops ping and the prompt is back within 2 s"
fi
tmux send-keys -t "$w" -l 'echo next-$((6*7))'
tmux send-keys -t "$w" Enter
check "$w" "next-42" 5 "the next command runs"

# --- a full-screen program -----------------------------------------------------------------------
tmux send-keys -t "$w" -l 'top'
tmux send-keys -t "$w" Enter
check "$w" "Tasks:" 5 "top opens in the pane"
tmux send-keys -t "$w" q
if wait_prompt "$w" lab-host 5; then ok "q closes top and the prompt is back"; else bad "$w" "q closes top"; fi
if screen "$w" | head -1 | grep -q "Step 4/" && screen "$w" | grep -q "State: network"; then
  ok "the screen around the terminal is intact"
else
  bad "$w" "the screen around the terminal is intact"
fi

# --- a second terminal ---------------------------------------------------------------------------
tmux new-window -t "$session" -n shell "$BOXLAB_HOME/scripts/boxlab shell --lab ${lab#* }; sleep 5"
check "$session:shell" "lab-host#" 30 "boxlab shell opens a shell in the same lab, with the same prompt"
tmux send-keys -t "$session:shell" -l 'ip link add veth7 type veth peer name ceth7 netns netns0'
tmux send-keys -t "$session:shell" Enter
start=$(date +%s%N)
if wait_for "$w" "+veth7" 1; then
  ok "a command typed in boxlab shell is marked in the first window within a second ($(( ($(date +%s%N) - start) / 1000000 )) ms)"
else
  bad "$w" "a command typed in boxlab shell is marked in the first window within a second"
fi
tmux send-keys -t "$session:shell" -l 'exit'
tmux send-keys -t "$session:shell" Enter

# --- boxlab's keys -------------------------------------------------------------------------------
tmux send-keys -t "$w" F9
check "$w" "Enter goes back to the terminal" 5 "F9 leaves the terminal"
tmux send-keys -t "$w" '?'
check "$w" "every key goes to it but the F-keys" 5 "? explains the terminal's keys"
tmux send-keys -t "$w" x
tmux send-keys -t "$w" q
check "$w" "Quit boxlab?" 5 "q is boxlab's again"
tmux send-keys -t "$w" y
check "$w" "EXITED 0" 15 "y quits"
if gone "${lab%% *}" 10 && [ "$(ip netns list | sort)" = "$netns_before" ]; then
  ok "the lab, its shells and namespaces are gone"
else
  bad "$w" "the lab is gone"
fi

# --- the demo types into the terminal ------------------------------------------------------------
tmux new-window -t "$session" -n demo "$BOXLAB_HOME/scripts/boxlab --demo --lesson networking --step netns; echo EXITED \$?; sleep 30"
w="$session:demo"
check "$w" "lab ready" 90 "the demo opens"
demo_lab=$(lab_in "$w") || demo_lab="0 none"
tmux send-keys -t "$w" Space
check "$w" "lab-host# ip netns add netns0" 10 "Space types the command into the terminal, at the prompt"
tmux send-keys -t "$w" Space
check "$w" "┌── netns0 ─" 20 "Space runs it in the terminal's shell and the state pane draws netns0"
if wait_for "$w" "Space type next command" 10 || wait_for "$w" "Space next step" 1; then
  ok "the demo goes on once the prompt is back"
else
  bad "$w" "the demo goes on once the prompt is back"
fi
tmux send-keys -t "$w" q
check "$w" "Quit boxlab?" 5 "q asks"
tmux send-keys -t "$w" y
check "$w" "EXITED 0" 15 "y quits the demo"
if gone "${demo_lab%% *}" 10 && [ "$(ip netns list | sort)" = "$netns_before" ]; then ok "the demo's lab is gone"; else bad "$w" "the demo's lab is gone"; fi
summary
