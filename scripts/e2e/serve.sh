#!/usr/bin/env bash
# boxlab serve as a room uses it, over SSH on loopback only: OpenSSH's ssh in tmux as attendees,
# a wrong password refused, two attendees in labs that cannot see each other, the instructor's
# class view, a dropped connection back on the same step, and serve stopped with SIGTERM and
# SIGKILL leaving nothing behind (no lab, cgroup, namespace or process it started).
set -uo pipefail
# shellcheck source=scripts/e2e/serve.bash
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/serve.bash"
session="boxlab-e2e-serve-$$"
tmp=$(mktemp -d)
trap 'tmux kill-session -t "$session" 2>/dev/null; rm -rf "$tmp"' EXIT
serve_cmd="$BOXLAB_HOME/scripts/boxlab serve --passphrase tulip --bind 127.0.0.1 --port $port --lab-pids 256 --lab-memory 512M --state-dir $tmp/state --run-dir $tmp/run"
ssh_cmd="ssh -p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=$tmp/known_hosts -o LogLevel=ERROR -o PubkeyAuthentication=no -o PreferredAuthentications=password -o NumberOfPasswordPrompts=1"
netns_before=$(ip netns list | sort)

tmux new-session -d -s "$session" -n srv -x 120 -y 30 "$serve_cmd; sleep 30"
check "$session:srv" "listening on 127.0.0.1:$port" 60 "serve listens on loopback"

join mallory mallory wrong
check "$session:mallory" "Permission denied" 20 "a wrong password is refused"

join alice alice tulip
join bob bob tulip
check "$session:alice" "Pick a lesson" 20 "alice gets the lesson list over ssh"
check "$session:bob" "Pick a lesson" 20 "bob gets the lesson list over ssh, at the same time"
tmux send-keys -t "$session:alice" Enter
tmux send-keys -t "$session:bob" Down; sleep 0.3; tmux send-keys -t "$session:bob" Enter
check "$session:alice" "lab ready" 60 "alice's lesson opens in a lab"
check "$session:bob" "lab ready" 60 "bob's lesson opens in a lab of his own"
srv=$(java_of srv)
if [ "$(labs_of "$srv" | wc -l)" = 2 ]; then ok "two attendees, two labs"; else bad "$session:srv" "two attendees, two labs"; fi

# shellcheck disable=SC2016 # expanded in the lab, so the screen shows 42 only once it ran
type_cmd alice 'ip netns add alice0; echo alice-made-$((6*7))'
check "$session:alice" "alice-made-42" 20 "alice builds a namespace"
# shellcheck disable=SC2016
type_cmd bob 'ip netns list; echo bob-listed-$((6*7))'
check "$session:bob" "bob-listed-42" 20 "bob lists his namespaces"
if screen "$session:bob" | grep -q alice0; then bad "$session:bob" "bob does not see alice's namespace"; else ok "bob does not see alice's namespace"; fi
if [ "$(ip netns list | sort)" = "$netns_before" ]; then ok "the machine does not see it either"; else bad "$session:srv" "the machine does not see it either"; fi

# the labs are held to serve's limits, and one lab out of processes leaves the other responsive
limited=0
for p in $(labs_of "$srv"); do
  id=$(tr '\0' ' ' </proc/"$p"/cmdline | sed 's/^boxlab-lab-//; s/ .*//')
  for d in /sys/fs/cgroup/*/boxlab/"$id" /sys/fs/cgroup/boxlab/"$id"; do
    [ -d "$d" ] || continue
    grep -qx 256 "$d/pids.max" 2>/dev/null && limited=$((limited + 1))
    grep -qx 536870912 "$d/memory.max" "$d/memory.limit_in_bytes" 2>/dev/null && limited=$((limited + 1))
  done
done
if [ "$limited" = 4 ]; then ok "each lab's cgroup has serve's pids and memory limits"; else bad "$session:srv" "each lab's cgroup has serve's pids and memory limits ($limited of 4)"; fi
# shellcheck disable=SC2016
type_cmd bob 'busybox sh -c "for i in \$(seq 400); do sleep 4 & done; wait" 2>&1 | grep -c fork; echo bob-forked-$((6*7))'
sleep 1
# shellcheck disable=SC2016
type_cmd alice 'echo alice-still-$((6*7))'
check "$session:alice" "alice-still-42" 10 "alice's lab answers while bob's has run out of processes"
check "$session:bob" "bob-forked-42" 20 "bob's lab refused the processes past its limit and lives on"
if screen "$session:bob" | grep -B1 'bob-forked-42' | head -1 | grep -qE '^[1-9][0-9]*$'; then ok "bob saw fork fail"; else bad "$session:bob" "bob saw fork fail"; fi

tmux resize-window -t "$session:bob" -x 100 -y 40 2>/dev/null
resized=0
for _ in $(seq 50); do
  # the key bar is drawn on the new last row once the screen has followed the window change
  if [ "$(screen "$session:bob" | grep -c '')" -ge 40 ] && screen "$session:bob" | tail -1 | grep -q 'quit'; then resized=1; break; fi
  sleep 0.1
done
if [ "$resized" = 1 ]; then ok "bob's screen follows his window's size"; else bad "$session:bob" "bob's screen follows his window's size"; fi

# alice moves on to step 2, and her wifi drops
tmux send-keys -t "$session:alice" F8
check "$session:alice" "Step 2/5" 60 "alice moves on to step 2"
class_lists "class --once lists both attendees with their lesson and step" '^alice +yes +processes +pid ' \
  '^bob +yes +cgroups +cgroup '
# the instructor says something to the room
"$BOXLAB_HOME/scripts/boxlab" class --say "break in five minutes" --run-dir "$tmp/run" >/dev/null
check "$session:alice" "break in five minutes" 10 "a message from class --say reaches alice's screen"
check "$session:bob" "break in five minutes" 10 "and bob's"
tmux send-keys -t "$session:alice" Enter; tmux send-keys -t "$session:bob" Enter
sleep 1
if screen "$session:alice" | grep -q "break in five"; then bad "$session:alice" "Enter closes the message"; else ok "Enter closes the message"; fi
labs=$(labs_of "$srv" | wc -l)
kill -KILL "$(pgrep -P "$(tmux display -p -t "$session:alice" '#{pane_pid}')" -x ssh)"
for _ in $(seq 100); do [ "$(labs_of "$srv" | wc -l)" -lt "$labs" ] && break; sleep 0.1; done
if [ "$(labs_of "$srv" | wc -l)" = 1 ]; then ok "a dropped connection ends that attendee's lab, not the other's"; else bad "$session:srv" "a dropped connection ends that attendee's lab, not the other's"; fi
tmux kill-window -t "$session:alice"
join alice alice tulip
check "$session:alice" "Step 2/5" 60 "alice reconnects to the same step, her lab rebuilt"
check "$session:alice" "lab ready" 60 "her rebuilt lab is ready"

# SIGTERM: every lab ends and the attendees are disconnected
pids=$(labs_of "$srv")
kill -TERM "$srv"
ended=1; for p in $pids; do gone "$p" 10 || ended=0; done
if [ "$ended" = 1 ] && gone "$srv" 10; then ok "SIGTERM stops serve and ends every lab"; else bad "$session:srv" "SIGTERM stops serve and ends every lab"; fi
restored bob

# SIGKILL: the labs collapse by construction (their pipe closes)
tmux kill-window -t "$session:srv"
tmux new-window -d -t "$session" -n srv2 "$serve_cmd; sleep 30"
check "$session:srv2" "listening on 127.0.0.1:$port" 60 "serve starts again with the same host key"
join carol carol tulip
check "$session:carol" "Pick a lesson" 20 "carol connects (known_hosts unchanged)"
tmux send-keys -t "$session:carol" Enter
check "$session:carol" "lab ready" 60 "carol's lesson opens in a lab"
srv=$(java_of srv2)
pids=$(labs_of "$srv")
ids=$(for p in $pids; do tr '\0' ' ' </proc/"$p"/cmdline | sed 's/^boxlab-lab-//; s/ .*//'; done)
started=$(descendants "$srv")
kill -KILL "$srv"
ended=1; for p in $pids; do gone "$p" 10 || ended=0; done
for id in $ids; do
  for _ in $(seq 50); do [ -z "$(find /sys/fs/cgroup -maxdepth 3 -path "*boxlab/$id")" ] && break; sleep 0.1; done
  [ -z "$(find /sys/fs/cgroup -maxdepth 3 -path "*boxlab/$id")" ] || ended=0
done
if [ "$ended" = 1 ] && [ -n "$ids" ] && [ "$(ip netns list | sort)" = "$netns_before" ]; then
  ok "SIGKILL of serve ends its labs and their cgroups"
else
  bad "$session:srv2" "SIGKILL of serve ends its labs and their cgroups"
fi
left=$(still_there "$started")
if [ -n "$started" ] && [ -z "$left" ]; then
  ok "no process serve started outlives its SIGKILL ($(wc -w <<<"$started") were running)"
else
  echo "$left"; bad "$session:srv2" "no process serve started outlives its SIGKILL"
fi
summary
