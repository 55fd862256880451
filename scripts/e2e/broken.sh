#!/usr/bin/env bash
# A learner breaks the lab on purpose, in tmux: deletes the lab host's uplink from a second terminal
# (boxlab shell). The lesson screen says the lab is broken and that R rebuilds it; R builds the
# step again in a fresh lab, whole; quitting leaves nothing on the machine.
set -uo pipefail
# shellcheck source=scripts/e2e/common.bash
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.bash"
e2e_start broken

tmux new-session -d -s "$session" -x 120 -y 40 -n lesson \
  "BOXLAB_PROGRESS=$BOXLAB_PROGRESS $BOXLAB_HOME/scripts/boxlab --lesson networking --step 3; echo EXITED; sleep 30"
w="$session:lesson"
check "$w" "lab ready" 90 "the lesson opens at step 3 and its lab starts"
lab=$(lab_in "$w") || lab=""
if [ -n "$lab" ]; then ok "found the lab"; else bad "$w" "find the lab"; fi

"$BOXLAB_HOME/scripts/boxlab" shell --lab "${lab#* }" -c 'ip link del eth0' >/dev/null 2>&1
check "$w" "lab broken: R rebuilds" 15 "the screen says the lab is broken and how to rebuild it"
tmux send-keys -t "$w" R
check "$w" "starting the lab" 10 "R rebuilds this step (the title bar says the lab is starting)"
# the title bar's own "lab ready" (the transcript still shows the first lab's)
for _ in $(seq 900); do screen "$w" | head -1 | grep -q "lab ready" && break; sleep 0.1; done
if screen "$w" | head -1 | grep -q "lab ready"; then ok "the fresh lab is ready"; else bad "$w" "the fresh lab is ready"; fi
if screen "$w" | grep -q "lab broken"; then bad "$w" "the fresh lab is whole"; else ok "the fresh lab is whole"; fi
if screen "$w" | head -1 | grep -q "Step 3/"; then ok "still on step 3"; else bad "$w" "still on step 3"; fi
new=$(lab_in "$w") || new=""
if [ -n "$new" ] && [ "$new" != "$lab" ]; then ok "a new lab"; else bad "$w" "a new lab"; fi
if gone "${lab%% *}" 5; then ok "the broken lab is gone"; else bad "$w" "the broken lab is gone"; fi

tmux send-keys -t "$w" q
check "$w" "Quit boxlab?" 5 "q asks first"
tmux send-keys -t "$w" y
check "$w" "EXITED" 10 "y quits"
if [ -n "$new" ] && gone "${new%% *}" 5; then ok "nothing of the lab is left"; else bad "$w" "nothing of the lab is left"; fi
summary
