#!/usr/bin/env bash
# The terminal pane as a learner uses it, in tmux: the networking lesson at step 4, Enter into the
# terminal; enter netns0 with `ip netns exec netns0 bash` (the prompt says netns0, ip -br addr shows
# ceth0 and not veth0), exit back to lab-host; ping without -c, then Ctrl-C: the prompt is back
# within 2 s and the next command runs; top opens, q closes it; a command typed in `boxlab shell` in
# a second window is marked in the first window's state pane within a second; F9 leaves the
# terminal for boxlab's keys. Then the demo types its command into the terminal, and the line mode
# (--plain) makes the learner's own terminal the shell, boxlab speaking between prompts. Nothing is left.
set -uo pipefail
# shellcheck source=scripts/e2e/common.bash
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.bash"
e2e_start terminal
# run_in TARGET LINE: type LINE into the pane's shell and press Enter
run_in() { tmux send-keys -t "$1" -l "$2"; tmux send-keys -t "$1" Enter; }
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
run_in "$w" 'ip netns exec netns0 bash'
if wait_prompt "$w" netns0 5; then ok "ip netns exec netns0 bash: the prompt says netns0#"; else bad "$w" "the prompt says netns0#"; fi
run_in "$w" 'clear; ip -br addr'
check "$w" "ceth0@" 5 "inside netns0, ip -br addr shows ceth0"
if screen "$w" | grep -q '^veth0'; then bad "$w" "and not veth0"; else ok "and not veth0"; fi
run_in "$w" 'exit'
if wait_prompt "$w" lab-host 5; then ok "exit: back on lab-host"; else bad "$w" "exit: back on lab-host"; fi
run_in "$w" 'clear; ip -br addr'
check "$w" "veth0@" 5 "on the lab host ip -br addr shows veth0 again"

# --- Ctrl-C ----------------------------------------------------------------------------------------
run_in "$w" 'clear; ping 172.18.0.10'
check "$w" "bytes from 172.18.0.10" 5 "ping without -c runs"
start=$(date +%s%N)
tmux send-keys -t "$w" C-c
if wait_prompt "$w" lab-host 2; then
  ok "Ctrl-C stops it: the prompt is back in $(( ($(date +%s%N) - start) / 1000000 )) ms"
else
  bad "$w" "Ctrl-C stops ping and the prompt is back within 2 s"
fi
# shellcheck disable=SC2016 # the shell in the pane expands it, not this script
run_in "$w" 'echo next-$((6*7))'
check "$w" "next-42" 5 "the next command runs"

# --- Ctrl-Z: job control ------------------------------------------------------------------------
# the job says it started from inside itself, so Ctrl-Z cannot reach bash before the job runs
run_in "$w" 'clear; (echo job-runs; exec sleep 100)'
wait_for "$w" "job-runs" 5
tmux send-keys -t "$w" C-z
check "$w" "Stopped" 3 "Ctrl-Z stops the job (the key reaches the shell, not boxlab)"
run_in "$w" 'kill %1'
if wait_prompt "$w" lab-host 3; then ok "and the shell goes on"; else bad "$w" "the shell goes on after Ctrl-Z"; fi

# --- a full-screen program -----------------------------------------------------------------------
run_in "$w" 'top'
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
run_in "$session:shell" 'ip link add veth7 type veth peer name ceth7 netns netns0'
start=$(date +%s%N)
if wait_for "$w" "+veth7" 1; then
  ok "a command typed in boxlab shell is marked in the first window within a second ($(( ($(date +%s%N) - start) / 1000000 )) ms)"
else
  bad "$w" "a command typed in boxlab shell is marked in the first window within a second"
fi
run_in "$session:shell" 'exit'

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
if lab_gone "$lab"; then ok "the lab, its shells and namespaces are gone"; else bad "$w" "the lab is gone"; fi

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
if lab_gone "$demo_lab"; then ok "the demo's lab is gone"; else bad "$w" "the demo's lab is gone"; fi
# --- the line mode: the learner's own terminal is the shell -------------------------------------
# the last prompt line of the line mode ([4/12 second-container] netns0#) ends with NAME#
plain_prompt() {
  local i
  for ((i = 0; i < ${3:-10} * 20; i++)); do
    [[ "$(screen "$1" | grep -E '^\[[0-9]+/[0-9]+ [a-z0-9-]+\] [a-z0-9?-]+#' | tail -1 | sed 's/ *$//')" == *"] $2#" ]] && return 0
    sleep 0.05
  done
  return 1
}
tmux new-window -t "$session" -n plain "$BOXLAB_HOME/scripts/boxlab --plain --lesson networking --step 4; echo EXITED \$?; sleep 30"
w="$session:plain"
if plain_prompt "$w" lab-host 90; then ok "--plain: a shell in the lab, its prompt saying the step and lab-host#"; else bad "$w" "--plain opens a shell prompt"; fi
plain_lab=$(lab_in "$w") || plain_lab="0 none"
run_in "$w" 'ip netns exec netns0 bash'
if plain_prompt "$w" netns0 5; then ok "--plain: ip netns exec netns0 bash, the prompt says netns0#"; else bad "$w" "--plain: the prompt says netns0#"; fi
run_in "$w" 'exit'
if plain_prompt "$w" lab-host 5; then ok "--plain: exit, back on lab-host"; else bad "$w" "--plain: exit, back on lab-host"; fi
run_in "$w" 'ping 192.0.2.1'
check "$w" "bytes from 192.0.2.1" 5 "--plain: ping without -c runs"
tmux send-keys -t "$w" C-c
if plain_prompt "$w" lab-host 2; then ok "--plain: Ctrl-C stops it and the prompt is back (boxlab lives on)"; else bad "$w" "--plain: Ctrl-C"; fi
run_in "$w" 'ip netns add netns1'
check "$w" "+ netns1: namespace" 5 "--plain: between the command and the next prompt boxlab says what it changed"
run_in "$w" ':hint'
check "$w" "hint: " 5 "--plain: :hint at the same prompt is boxlab's"
run_in "$w" ':quit'
check "$w" "EXITED 0" 15 "--plain: :quit ends the shell and boxlab"
if lab_gone "$plain_lab"; then ok "--plain: the lab is gone"; else bad "$w" "--plain: the lab is gone"; fi
summary
