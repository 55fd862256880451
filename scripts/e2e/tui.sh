#!/usr/bin/env bash
# The terminal UI as a person uses it, in tmux: open the networking lesson, run the first steps
# with keys, watch namespaces and addresses appear in the state pane, type a command and see its
# effect marked, ask for help, quit; then at 80x24, land on a later step with --step and close
# the terminal (SIGHUP); and the lesson picker. Each way out leaves nothing on the machine and
# the terminal restored.
set -uo pipefail
# shellcheck source=scripts/e2e/common.bash
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.bash"
e2e_start tui
links() { ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | sort; }

links_before=$(links)
# after boxlab exits, the pane reports how the terminal was left: canonical mode and echo back on
after='echo "EXITED $?"; stty -a | tr " ;" "\n\n" | grep -x -e icanon -e -icanon -e echo -e -echo | tr "\n" " "; echo; sleep 30'

# --- 100x30: the lesson, step by step ---------------------------------------------------------
tmux new-session -d -s "$session" -x 100 -y 30 -n lesson \
  "BOXLAB_PROGRESS=$BOXLAB_PROGRESS $BOXLAB_HOME/scripts/boxlab --lesson networking; $after"
w="$session:lesson"
check "$w" "lab ready" 90 "the lesson opens and its lab starts"
if screen "$w" | head -1 | grep -q "Step 1/12"; then ok "the title bar says where we are"; else bad "$w" "the title bar says where we are"; fi
lab=$(lab_in "$w") || lab=""
if [ -n "$lab" ]; then ok "the lab runs under the screen's process"; else bad "$w" "find the lab"; fi

tmux send-keys -t "$w" r
check "$w" "Step 1 done" 20 "r runs step 1's commands and its checks pass"
wait_for "$w" "lab ready" 20
tmux send-keys -t "$w" n
check "$w" "Step 2/12" 5 "n moves to step 2"
tmux send-keys -t "$w" r
check "$w" "┌── netns0 ─" 20 "the state pane draws the new namespace netns0"
check "$w" "Step 2 done" 20 "step 2's checks pass"
wait_for "$w" "lab ready" 20
tmux send-keys -t "$w" n r
# (what only the state pane draws: the transcript holds the commands' own text, 172.18.0.10/16 among them)
check "$w" "veth0 172.18.0.11/16 ⇄ netns0:ceth0" 30 "after step 3 the state pane draws veth0 and its peer ceth0 in netns0"
check "$w" "Step 3 done" 30 "step 3's checks pass (pings both ways)"
wait_for "$w" "lab ready" 20
if screen "$w" | grep -qF "+veth0"; then ok "what step 3 added is marked with +"; else bad "$w" "what step 3 added is marked with +"; fi

tmux send-keys -t "$w" :
check "$w" "F9 boxlab keys" 5 ": focuses the terminal (the key bar says how to leave it)"
tmux send-keys -t "$w" -l 'ip link add br9 type bridge'
tmux send-keys -t "$w" Enter
check "$w" "+br9 bridge" 10 "a command typed in the terminal runs in the lab and the state pane marks the new device"
tmux send-keys -t "$w" F9
sleep 0.3
tmux send-keys -t "$w" '?'
check "$w" "boxlab keys" 5 "? shows the keys"
tmux send-keys -t "$w" Escape
sleep 0.3
if screen "$w" | grep -qF "boxlab keys"; then bad "$w" "any key closes the help"; else ok "any key closes the help"; fi

tmux send-keys -t "$w" q
check "$w" "Quit boxlab?" 5 "q asks first while a lab runs"
tmux send-keys -t "$w" y
check "$w" "EXITED 0" 15 "y quits with status 0"
if screen "$w" | grep -qx "icanon echo *"; then ok "the terminal is back in canonical mode with echo"; else bad "$w" "the terminal is restored"; fi
if [ "$(tmux display -p -t "$w" '#{cursor_flag} #{alternate_on}')" = "1 0" ]; then
  ok "the cursor is visible and the alternate screen left"
else
  bad "$w" "the cursor is visible and the alternate screen left"
fi
if [ -n "$lab" ] && lab_gone "$lab" && [ "$(links)" = "$links_before" ]; then
  ok "quitting ends the lab and leaves no namespace or link behind"
else
  bad "$w" "quitting ends the lab and leaves nothing behind"
fi

# --- 80x24: --step lands on a later step with the state built; closing the terminal ends it ------
tmux new-window -t "$session" -n small \
  "tmux resize-window -t '$session:small' -x 80 -y 24 2>/dev/null; BOXLAB_PROGRESS=$BOXLAB_PROGRESS $BOXLAB_HOME/scripts/boxlab --lesson networking --step bridge; $after"
tmux resize-window -t "$session:small" -x 80 -y 24 2>/dev/null
w="$session:small"
check "$w" "lab ready" 90 "--step bridge: the lab is built up to step 5"
if screen "$w" | head -1 | grep -q "Step 5/12"; then ok "the learner lands on step 5"; else bad "$w" "the learner lands on step 5"; fi
check "$w" "netns1:ceth1" 10 "the earlier steps' containers are in the state pane at 80x24"
if [ "$(screen "$w" | LC_ALL=C.UTF-8 wc -L)" -le 80 ] && [ "$(screen "$w" | wc -l)" -le 24 ]; then
  ok "the screen fits 80x24"
else
  bad "$w" "the screen fits 80x24"
fi
tmux send-keys -t "$w" r
check "$w" "Step 5 done" 30 "step 5 (the bridge) passes at 80x24"
small_lab=$(lab_in "$w") || small_lab=""
java_pid=$(pgrep -P "$(tmux display -p -t "$w" '#{pane_pid}')" -f 'boxlab.jar' | head -1)
tmux kill-window -t "$w"
if [ -n "$small_lab" ] && gone "${small_lab%% *}" && { [ -z "$java_pid" ] || gone "$java_pid"; } \
    && [ "$(ip netns list | sort)" = "$netns_before" ] && [ "$(links)" = "$links_before" ]; then
  ok "closing the terminal (SIGHUP) ends boxlab and its lab, leaving nothing"
else
  bad "$session:lesson" "closing the terminal ends boxlab and its lab"
fi

# --- the picker ----------------------------------------------------------------------------------
tmux new-window -t "$session" -n picker "BOXLAB_PROGRESS=$BOXLAB_PROGRESS $BOXLAB_HOME/scripts/boxlab; $after"
w="$session:picker"
check "$w" "Pick a lesson" 30 "without --lesson the picker opens"
for _ in $(seq 30); do
  screen "$w" | grep -q "▸ [0-9]*\. Container networking from scratch" && break
  tmux send-keys -t "$w" Down
  sleep 0.1
done
check "$w" "─ Container networking from scratch ─" 5 "the picker lists the networking lesson, its details under the list"
if screen "$w" | grep -qE "networking +12 steps +[0-9]+/12 done"; then ok "the picker shows the progress made above"; else bad "$w" "the picker shows progress"; fi
tmux send-keys -t "$w" Enter
check "$w" "lab ready" 90 "Enter opens the chosen lesson and starts its lab"
picker_lab=$(lab_in "$w") || picker_lab=""
tmux send-keys -t "$w" C-c
check "$w" "Quit boxlab?" 5 "Ctrl-C asks to quit while a lab runs"
tmux send-keys -t "$w" b
check "$w" "Pick a lesson" 10 "b goes back to the lesson list"
if [ -n "$picker_lab" ] && gone "${picker_lab%% *}"; then ok "going back to the list ends the lesson's lab"; else bad "$w" "going back ends the lab"; fi
tmux send-keys -t "$w" q
check "$w" "EXITED 0" 10 "q in the picker quits at once (no lab)"

# --- SIGTERM (kill) while a lesson runs ----------------------------------------------------------
tmux new-window -t "$session" -n term "BOXLAB_PROGRESS=$BOXLAB_PROGRESS $BOXLAB_HOME/scripts/boxlab --lesson networking; $after"
w="$session:term"
check "$w" "lab ready" 90 "a lesson opens for the SIGTERM case"
term_lab=$(lab_in "$w") || term_lab=""
java_pid=$(pgrep -P "$(tmux display -p -t "$w" '#{pane_pid}')" -f 'boxlab.jar' | head -1)
if [ -n "$java_pid" ]; then kill -TERM "$java_pid"; fi
check "$w" "EXITED 143" 15 "SIGTERM ends boxlab"
if screen "$w" | grep -qx "icanon echo *" && [ "$(tmux display -p -t "$w" '#{cursor_flag} #{alternate_on}')" = "1 0" ]; then
  ok "after SIGTERM the terminal is restored"
else
  bad "$w" "after SIGTERM the terminal is restored"
fi
if [ -n "$term_lab" ] && lab_gone "$term_lab"; then
  ok "after SIGTERM the lab is gone"
else
  bad "$w" "after SIGTERM the lab is gone"
fi

summary
