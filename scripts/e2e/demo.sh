#!/usr/bin/env bash
# The instructor's demo mode in the terminal UI, in tmux, recorded: a command is typed out a
# character at a time and waits for a key before it runs; the state pane follows; the recording
# is a valid asciicast v2 file holding what was shown; quitting leaves nothing behind.
set -uo pipefail
# shellcheck source=scripts/e2e/common.bash
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.bash"
e2e_start demo
cast="$tmp/demo.cast"
w="$session:0"

tmux new-session -d -s "$session" -x 100 -y 30 \
  "$BOXLAB_HOME/scripts/boxlab --demo --speed 1 --lesson networking --step netns --record $cast; echo EXITED \$?; sleep 30"
check "$w" "lab ready" 90 "the demo opens at step 2 with its lab"
if screen "$w" | grep -q "Space type next command"; then ok "the key bar says what Space does"; else bad "$w" "the key bar says what Space does"; fi
lab=$(lab_in "$w") || lab="0 none"

tmux send-keys -t "$w" Space
# the first character, however long a loaded machine takes to show it (an idle screen polls its
# keys every 30 ms, see CalmGuiThread), then the line at once: the rest takes the typist ~1 s more
wait_for "$w" "lab-host# i" 10 || true
line=$(screen "$w" | grep '^lab-host#' | tail -1)
if [[ "$line" == "lab-host# i"* ]] && [[ "$line" != *"netns0"* ]]; then
  ok "the command is typed out a character at a time ($line)"
else
  bad "$w" "the command is typed out a character at a time (saw: $line)"
fi
check "$w" "lab-host# ip netns add netns0" 10 "the whole command appears"
check "$w" "Space run it" 5 "and waits for a key"
sleep 1
if screen "$w" | grep -q "── netns0 ─"; then bad "$w" "nothing runs before the key"; else ok "nothing runs before the key"; fi
tmux send-keys -t "$w" Space
check "$w" "┌── netns0 ─" 20 "the key runs it and the state pane draws netns0"
if screen "$w" | grep -qi "check"; then bad "$w" "no check noise on a demo screen"; else ok "no check noise on a demo screen"; fi

quits_clean "$w" "$lab"

# the recording: a v2 header, then [time, "o", text] events in time order, holding the typed command
if head -1 "$cast" | grep -q '^{"version":2,"width":100,"height":30,'; then ok "the recording has an asciicast v2 header"; else bad "$w" "asciicast v2 header"; fi
if tail -n +2 "$cast" | awk -F, '!/^\[[0-9.]+,"o",".*"\]$/ { bad = 1 } { t = substr($1, 2) + 0; if (t < last) bad = 1; last = t } END { exit bad }'; then
  ok "every event is [time, \"o\", text], in time order"
else
  bad "$w" "every event is [time, \"o\", text], in time order"
fi
# played back (as asciinema play would, up to the quit question) in a pane of the same size
tail -n +2 "$cast" | jq -rj '.[2]' > "$tmp/replay"
head -c "$(grep -b -o 'Quit boxlab' "$tmp/replay" | head -1 | cut -d: -f1)" "$tmp/replay" > "$tmp/replay-shown"
tmux new-window -t "$session" -n replay "cat $tmp/replay-shown; sleep 30"
if wait_for "$session:replay" "lab-host# ip netns add netns0" 5; then
  ok "the recording shows the command typed into the terminal"
else
  bad "$session:replay" "the recording shows the command typed into the terminal"
fi
summary
