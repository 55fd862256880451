#!/usr/bin/env bash
# boxlab serve with a class file, over SSH on loopback only: an attendee logs in with an SSH key
# (made here, in this test's own directory), another with a password; a key the file does not
# give that name, an unknown key and a wrong password are refused. The instructor watches a screen
# read-only once its attendee allows it, brings the room to a step, and sees who is stuck; SIGTERM
# gives every attendee's terminal back.
set -uo pipefail
# shellcheck source=scripts/e2e/serve.bash
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/serve.bash"
session="boxlab-e2e-serve-class-$$"
tmp=$(mktemp -d)
trap 'tmux kill-session -t "$session" 2>/dev/null; rm -rf "$tmp"' EXIT
ssh-keygen -q -t ed25519 -N '' -C alice@laptop -f "$tmp/alice"
ssh-keygen -q -t ed25519 -N '' -C stranger -f "$tmp/stranger"
printf '# the Tuesday class\nalice %s\nbob   red-fox-42\n' "$(cat "$tmp/alice.pub")" >"$tmp/class.txt"
serve_cmd="$BOXLAB_HOME/scripts/boxlab serve --class $tmp/class.txt --bind 127.0.0.1 --port $port --lab-memory 512M --state-dir $tmp/state --run-dir $tmp/run"
# no ssh config, agent or keys of this machine's root: only what each line names
ssh_cmd="env -u SSH_AUTH_SOCK ssh -F /dev/null -p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=$tmp/known_hosts -o LogLevel=ERROR -o NumberOfPasswordPrompts=1"
key_cmd="$ssh_cmd -o BatchMode=yes -o IdentitiesOnly=yes -o PreferredAuthentications=publickey"
ssh_cmd="$ssh_cmd -o PubkeyAuthentication=no -o PreferredAuthentications=password"
# with_key WINDOW NAME KEY: an attendee connects with that key (and nothing else)
with_key() { tmux new-window -d -t "$session" -n "$1" "$key_cmd -i $3 $2@127.0.0.1; sleep 30"; }

tmux new-session -d -s "$session" -n srv -x 120 -y 30 "$serve_cmd; sleep 30"
check "$session:srv" "listening on 127.0.0.1:$port" 60 "serve listens on loopback with a class file"

with_key stranger alice "$tmp/stranger"
check "$session:stranger" "Permission denied" 20 "a key the class file does not list is refused"
with_key thief bob "$tmp/alice"
check "$session:thief" "Permission denied" 20 "alice's key does not open bob's seat"
join mallory bob wrong
check "$session:mallory" "Permission denied" 20 "a wrong password is refused"

with_key alice alice "$tmp/alice"
check "$session:alice" "Pick a lesson" 20 "alice logs in with her key"
join bob bob red-fox-42
check "$session:bob" "Pick a lesson" 20 "bob logs in with his password"
class_lists "class --once lists both" '^alice +yes ' '^bob +yes '

# the instructor watches alice's screen, read-only, once she allows it on her screen
tmux new-window -d -t "$session" -n watch "$BOXLAB_HOME/scripts/boxlab class --watch alice --run-dir $tmp/run; sleep 30"
check "$session:watch" "asking alice" 20 "class --watch asks alice"
check "$session:alice" "asks to watch your screen" 10 "alice is asked on her screen"
if screen "$session:watch" | grep -q "Pick a lesson"; then bad "$session:watch" "nothing is shown before she answers"; else ok "nothing is shown before she answers"; fi
tmux send-keys -t "$session:alice" Enter # Allow
check "$session:watch" "Pick a lesson" 10 "once she allows it, the instructor sees her screen"
check "$session:alice" " WATCHED " 10 "alice sees that she is watched"
tmux send-keys -t "$session:watch" q; tmux send-keys -t "$session:watch" Enter
sleep 1
# (q would have quit her screen, Enter opened a lesson)
if screen "$session:alice" | grep -q "Pick a lesson" && ! screen "$session:alice" | grep -q "Step 1/"; then
  ok "keys typed by the instructor do not reach her screen"
else
  bad "$session:alice" "keys typed by the instructor do not reach her screen"
fi
tmux send-keys -t "$session:alice" Enter
check "$session:alice" "lab ready" 60 "alice opens the first lesson while watched"
check "$session:watch" "Step 1/5" 10 "the instructor sees her lesson"
tmux send-keys -t "$session:watch" C-c
for _ in $(seq 50); do screen "$session:alice" | grep -q "WATCHED" || break; sleep 0.1; done
if screen "$session:alice" | grep -q "WATCHED"; then bad "$session:alice" "the mark goes when the instructor stops watching"; else ok "the mark goes when the instructor stops watching"; fi
tmux kill-window -t "$session:watch"
tmux new-window -d -t "$session" -n watch2 "$BOXLAB_HOME/scripts/boxlab class --watch bob --run-dir $tmp/run; sleep 30"
check "$session:bob" "asks to watch your screen" 20 "bob is asked on his screen"
tmux send-keys -t "$session:bob" Right; sleep 0.3; tmux send-keys -t "$session:bob" Enter # Refuse
check "$session:watch2" "bob said no" 10 "bob refuses and is not watched"
if [ "$(tmux display -p -t "$session:watch2" '#{alternate_on}')" = 0 ]; then ok "nothing of bob's screen was shown"; else bad "$session:watch2" "nothing of bob's screen was shown"; fi

# the instructor brings the room to step 3: alice (on step 1) and bob (on the list)
"$BOXLAB_HOME/scripts/boxlab" class --catch-up processes:3 --run-dir "$tmp/run" >"$tmp/out" 2>&1
if grep -q "step 3 of processes" "$tmp/out"; then ok "class --catch-up names the step"; else cat "$tmp/out"; bad "$session:srv" "class --catch-up names the step"; fi
check "$session:alice" "brought the room to step 3" 10 "alice is told why her screen moves"
check "$session:bob" "brought the room to step 3" 10 "and bob"
tmux send-keys -t "$session:alice" Enter; tmux send-keys -t "$session:bob" Enter
check "$session:alice" "Step 3/5" 10 "alice is on step 3"
check "$session:bob" "Step 3/5" 10 "bob is on step 3"
check "$session:alice" "lab ready" 60 "alice's lab is rebuilt up to step 3"
check "$session:bob" "lab ready" 60 "bob's lab is built up to step 3"
class_lists "class --once lists both on step 3" '^alice +yes +processes +mount ' '^bob +yes +processes +mount '
"$BOXLAB_HOME/scripts/boxlab" class --catch-up processes:nope --run-dir "$tmp/run" >"$tmp/out" 2>&1
if grep -q "has no step 'nope'" "$tmp/out"; then ok "a step that does not exist is refused by name"; else cat "$tmp/out"; bad "$session:srv" "a step that does not exist is refused by name"; fi

# stuck: on the step (0 minutes here), its checks failing, after trying a command
# shellcheck disable=SC2016
type_cmd alice 'echo tried-$((6*7))'
check "$session:alice" "tried-42" 20 "alice tries a command"
# (the checks re-run every few seconds after a command; serve publishes every 2 s)
for _ in $(seq 10); do
  sleep 2
  table=$("$BOXLAB_HOME/scripts/boxlab" class --once --stuck 0 --tries 1 --run-dir "$tmp/run")
  grep -qE '^alice +yes .* 1 +.*STUCK\?' <<<"$table" && break
done
if grep -qE '^alice +yes .* 1 +.*STUCK\?' <<<"$table" && ! grep -qE '^bob .*STUCK' <<<"$table"; then
  ok "alice, trying with her checks failing, is marked stuck; bob, not trying, is not"
else
  printf '     | %s\n' "$table"; bad "$session:srv" "alice, trying with her checks failing, is marked stuck; bob, not trying, is not"
fi

# SIGTERM: each attendee's terminal is given back (alternate screen left, cursor shown) before ssh ends
srv=$(java_of srv)
kill -TERM "$srv"
if gone "$srv" 15; then ok "SIGTERM stops serve"; else bad "$session:srv" "SIGTERM stops serve"; fi
restored alice
restored bob
summary
