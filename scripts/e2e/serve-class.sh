#!/usr/bin/env bash
# boxlab serve with a class file, over SSH on loopback only: an attendee logs in with an SSH key
# (made here, in this test's own directory), another with a password; a key the file does not
# give that name, an unknown key and a wrong password are refused.
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

srv=$(java_of srv)
kill -TERM "$srv"
if gone "$srv" 15; then ok "SIGTERM stops serve"; else bad "$session:srv" "SIGTERM stops serve"; fi
summary
