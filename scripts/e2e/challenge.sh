#!/usr/bin/env bash
# Workshop mode in the terminal UI, in tmux: in challenge mode a step's commands stay hidden and
# the step turns done by itself when the learner builds its state from a second terminal with
# `boxlab shell`; progress survives quitting, and --resume lands on the right step with the
# state of the steps before it built.
set -uo pipefail
# shellcheck source=scripts/e2e/common.bash
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.bash"
e2e_start challenge
w="$session:tui"

tmux new-session -d -s "$session" -x 120 -y 50 -n tui \
  "BOXLAB_PROGRESS=$BOXLAB_PROGRESS $BOXLAB_HOME/scripts/boxlab --challenge --lesson networking --step netns; echo EXITED \$?; sleep 30"
check "$w" "lab ready" 90 "the lesson opens at step 2 in challenge mode"
if screen "$w" | grep -q "Your turn"; then ok "the step says it is the learner's turn"; else bad "$w" "the step says it is the learner's turn"; fi
if screen "$w" | grep -q '\$ ip netns add netns0'; then bad "$w" "the commands stay hidden"; else ok "the commands stay hidden"; fi
tmux send-keys -t "$w" h
check "$w" "Hint 1/2" 5 "h shows the first hint"
tmux send-keys -t "$w" h
check "$w" "Hint 2/2" 5 "h again shows a more specific one"

lab=$(lab_in "$w") || lab="0 none"
tmux new-window -t "$session" -n shell "$BOXLAB_HOME/scripts/boxlab shell --lab ${lab#* }; sleep 60"
check "$session:shell" "lab-host#" 20 "boxlab shell opens a shell in the same lab, its prompt saying where"
tmux send-keys -t "$session:shell" 'ip netns add netns0' Enter
check "$w" "step done; n: next step" 15 "the step turns done by itself from the other terminal's command (the key bar says so)"
check "$w" "┌── netns0 ─" 10 "and the state pane shows what that command built"
tmux send-keys -t "$session:shell" 'exit' Enter

tmux send-keys -t "$w" n
check "$w" "Step 3/12" 5 "n moves on to step 3"
tmux send-keys -t "$w" q
check "$w" "Quit boxlab?" 5 "q asks first"
tmux send-keys -t "$w" y
check "$w" "EXITED 0" 15 "y quits"
gone "${lab%% *}" 10 || true
if grep -q '"netns"' "$BOXLAB_PROGRESS" && grep -q '"current" : "veth"' "$BOXLAB_PROGRESS"; then
  ok "progress holds step 2 done and step 3 as the current one"
else
  bad "$w" "progress holds step 2 done and step 3 as the current one"
fi

tmux kill-window -t "$w"
tmux new-window -t "$session" -n resume \
  "BOXLAB_PROGRESS=$BOXLAB_PROGRESS $BOXLAB_HOME/scripts/boxlab --resume; echo EXITED \$?; sleep 30"
w="$session:resume"
check "$w" "lab ready" 90 "--resume starts a lab"
if screen "$w" | head -1 | grep -q "Step 3/12"; then ok "--resume lands on step 3"; else bad "$w" "--resume lands on step 3"; fi
check "$w" "┌── netns0 ─" 10 "with the earlier steps' state built (netns0)"
lab=$(lab_in "$w") || lab="0 none"
quits_clean "$w" "$lab"
summary
