# Shared by the boxlab serve end-to-end tests (sourced): attendees are OpenSSH's ssh in tmux windows
# of "$session", on a free port on loopback ("$port"); the caller sets session, tmp, ssh_cmd.
# shellcheck shell=bash disable=SC2154 # session, ssh_cmd and tmp are set by the caller
# shellcheck source=scripts/e2e/common.bash
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.bash"
if ! command -v ssh >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-client >/dev/null 2>&1 || { echo "FAIL ssh (openssh-client) is missing"; exit 1; }
fi

# a free port on loopback
port=22222
while ss -Htln "sport = :$port" | grep -q .; do port=$((port + 1)); done

# under PID ANCESTOR: true when the process descends from ANCESTOR
under() {
  local q=$1
  while [ "${q:-1}" -gt 1 ]; do
    [ "$q" = "$2" ] && return 0
    q=$(sed 's/.*) //' /proc/"$q"/stat 2>/dev/null | cut -d' ' -f2)
  done
  return 1
}
# labs_of PID: the lab inits started by that process
labs_of() { local p; for p in $(pgrep -f '^boxlab-lab-'); do under "$p" "$1" && echo "$p"; done; }
# java_of WINDOW: the JVM serving in that window
java_of() { pgrep -P "$(tmux display -p -t "$session:$1" '#{pane_pid}')" -x java; }
# join WINDOW NAME PASSWORD: an attendee connects
join() {
  tmux new-window -d -t "$session" -n "$1" "$ssh_cmd $2@127.0.0.1; sleep 30"
  if wait_for "$session:$1" "assword:" 20; then tmux send-keys -t "$session:$1" "$3" Enter; fi
}
# type WINDOW COMMAND: a command on the lesson screen's command line
# (':' moves the keys into the lab's terminal pane; once they are there, ':' would be typed into the shell)
type_cmd() {
  if ! screen "$session:$1" | tail -1 | grep -q 'F9 boxlab keys'; then tmux send-keys -t "$session:$1" ':'; sleep 0.3; fi
  tmux send-keys -t "$session:$1" "$2" Enter
}
class_once() { "$BOXLAB_HOME/scripts/boxlab" class --once --run-dir "$tmp/run"; }
# class_lists WHAT REGEX...: class --once (after serve's next publish) has a line matching each REGEX
class_lists() {
  local what=$1 table re; shift
  sleep 3 # the class view is published every 2 s
  table=$(class_once)
  for re in "$@"; do
    if ! grep -qE "$re" <<<"$table"; then printf '     | %s\n' "$table"; bad "$session:srv" "$what"; return 1; fi
  done
  ok "$what"
}
# ssh_ended WINDOW: until that attendee's ssh has exited (serve closed the connection)
ssh_ended() {
  local i pane
  pane=$(tmux display -p -t "$session:$1" '#{pane_pid}')
  for i in $(seq 100); do pgrep -P "$pane" -x ssh >/dev/null || return 0; sleep 0.1; done
  return 1
}
# restored WINDOW: once serve has gone, that attendee's ssh has ended and their terminal is as it was
# (the alternate screen left, the cursor shown)
restored() {
  local flags
  if ssh_ended "$1"; then ok "$1's ssh has ended"; else bad "$session:$1" "$1's ssh has ended"; fi
  flags=$(tmux display -p -t "$session:$1" '#{alternate_on} #{cursor_flag}')
  if [ "$flags" = "0 1" ]; then ok "$1's terminal is restored"; else bad "$session:$1" "$1's terminal is restored (alternate screen, cursor: $flags)"; fi
}
# descendants PID: "PID:START" of every process under PID (START, the start time, tells a reused pid)
descendants() {
  local p
  for p in $(ps -e -o pid=); do
    [ "$p" != "$1" ] && under "$p" "$1" && echo "$p:$(cut -d' ' -f22 /proc/"$p"/stat 2>/dev/null)"
  done
}
# still_there LIST: those of LIST (from descendants) still running, after up to 10 s
still_there() {
  local e i left
  for i in $(seq 100); do
    left=""
    for e in $1; do [ "$(cut -d' ' -f22 /proc/"${e%%:*}"/stat 2>/dev/null)" = "${e#*:}" ] && left="$left ${e%%:*}"; done
    [ -z "$left" ] && return 0
    sleep 0.1
  done
  for e in $left; do echo "     | left: $e $(tr '\0' ' ' </proc/"$e"/cmdline 2>/dev/null)"; done
}
