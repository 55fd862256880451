#!/usr/bin/env bash
# The line mode as a person uses it, in tmux: a challenge step passes from commands typed in a
# second window with `boxlab shell`; hints get more specific; :solve finishes a step; progress
# is saved; quitting leaves nothing behind.
set -uo pipefail
# shellcheck source=scripts/e2e/common.bash
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.bash"
e2e_start plain
E2E_SCROLLBACK=1  # line mode scrolls: look at what went by too

tmux new-session -d -s "$session" -x 100 -y 30 \
  "BOXLAB_PROGRESS=$BOXLAB_PROGRESS $BOXLAB_HOME/scripts/boxlab --plain --challenge --lesson networking --step netns; sleep 5"
check "$session:0" "[2/12 netns] lab-host#" 60 "the lesson opens at step 2 with a lab prompt"
if screen "$session:0" | grep -q 'ip netns add netns0'; then bad "$session:0" "challenge mode hides the commands"; else ok "challenge mode hides the commands"; fi

tmux send-keys -t "$session:0" ':hint' Enter
# shellcheck disable=SC2016 # the backticks are the hint's own text
check "$session:0" 'hint: `ip netns help`' 10 "the first hint is the vague one"
tmux send-keys -t "$session:0" ':hint' Enter
check "$session:0" 'hint: ip netns add netns0' 10 "the second hint is more specific"

# the learner types the step's command in a second terminal, in the same lab
pane=$(tmux display -p -t "$session:0" '#{pane_pid}')
lab=$(lab_of "$pane") || lab=""
if [ -n "$lab" ]; then ok "the lab is found under the lesson's process"; else bad "$session:0" "find the lab"; fi
tmux new-window -t "$session" -n shell "$BOXLAB_HOME/scripts/boxlab shell --lab ${lab#* }; sleep 5"
check "$session:shell" "[2/12 netns] lab-host#" 20 "boxlab shell opens a shell in the lab, its prompt saying the step and where"
tmux send-keys -t "$session:shell" 'ip netns add netns0' Enter
check "$session:0" "Step 2 done: every check passes." 15 "the step turns done by itself from the other terminal's command"

tmux send-keys -t "$session:0" ':next' Enter
check "$session:0" "[3/12 veth] lab-host#" 10 ":next moves on"
tmux send-keys -t "$session:0" ':solve' Enter
check "$session:0" "Step done!" 30 ":solve runs the reference commands and the checks pass"
if screen "$session:0" | grep -qF '+ netns0: address 172.18.0.10/16 on ceth0'; then
  ok "each command says what it changed"
else
  bad "$session:0" "each command says what it changed"
fi

if grep -q '"veth"' "$BOXLAB_PROGRESS" && grep -q '"netns"' "$BOXLAB_PROGRESS"; then
  ok "progress is saved"
else
  bad "$session:0" "progress is saved"
fi

tmux send-keys -t "$session:shell" 'exit' Enter
tmux send-keys -t "$session:0" ':quit' Enter
# a bound, not a goal (scripts/bench quit measures how fast): the lab ends when boxlab has
for _ in $(seq 150); do kill -0 "${lab%% *}" 2>/dev/null || break; sleep 0.1; done
if ! kill -0 "${lab%% *}" 2>/dev/null && [ "$(ip netns list | sort)" = "$netns_before" ]; then
  ok "quitting ends the lab and leaves nothing"
else
  bad "$session:0" "quitting ends the lab and leaves nothing"
fi

# closing the terminal (SIGHUP to boxlab's whole process group) leaves nothing either
hup="$session-hup"
tmux new-session -d -s "$hup" -x 100 -y 30 "$BOXLAB_HOME/scripts/boxlab --plain --lesson networking --step veth"
if wait_for "$hup:0" "[3/12 veth] lab-host#" 60; then
  lab=$(lab_of "$(tmux display -p -t "$hup:0" '#{pane_pid}')") || lab="0 none"
  tmux kill-session -t "$hup"
  for _ in $(seq 50); do
    kill -0 "${lab%% *}" 2>/dev/null || [ -n "$(find /sys/fs/cgroup -maxdepth 3 -path "*boxlab/${lab#* }" 2>/dev/null)" ] || break
    sleep 0.1
  done
  if ! kill -0 "${lab%% *}" 2>/dev/null && [ -z "$(find /sys/fs/cgroup -maxdepth 3 -path "*boxlab/${lab#* }" 2>/dev/null)" ] \
      && [ "$(ip netns list | sort)" = "$netns_before" ]; then
    ok "closing the terminal ends the lab and its cgroups"
  else
    bad "$hup:0" "closing the terminal ends the lab and its cgroups"
  fi
else
  bad "$hup:0" "a lesson at step 3 opens"
  tmux kill-session -t "$hup" 2>/dev/null
fi

summary
