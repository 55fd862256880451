# shellcheck shell=bash
# The process boxlab starts, on the machine: bash -c 'eval "$BOXLAB_WRAPPER"' boxlab-labwrap-ID DIR...
# (DIR: the lab's cgroup directory in each hierarchy, made by boxlab, with outside/ and inside/).
#
# A subshell joins the lab's "outside" cgroups and becomes the world (world.sh): PID 1 of a pid and
# mount namespace of its own, holding the outside router and server and, nested inside, the lab.
# The wrapper itself stays on the machine and, once the world is gone (boxlab closed its pipe, or
# was killed), removes the lab's cgroups: the one thing the kernel does not tear down by itself.

# A closed terminal or Ctrl-C signals boxlab's whole process group; the wrapper must outlive boxlab
# to clean up, so it ignores them (the world itself ends when boxlab's pipe closes). Its own stderr
# goes nowhere: a report written into the pipe of a boxlab that is gone would end it with SIGPIPE.
trap '' HUP INT TERM QUIT PIPE
exec 3>&2 2>/dev/null
(
  trap - HUP INT TERM QUIT PIPE
  exec 2>&3 3>&-
  for d in "$@"; do
    echo "$BASHPID" > "$d/outside/cgroup.procs" || { echo "FAIL join the lab's cgroup $d"; exit 90; }
  done
  # shellcheck disable=SC2016  # expanded by the bash it starts
  exec unshare --mount --pid --fork --mount-proc --propagation private \
    -- bash -c 'eval "$BOXLAB_WORLD"' "boxlab-world-$BOXLAB_LAB_ID" "$@"
)
status=$?
# Everything of the lab has exited by now (the world's pid namespace is gone); a cgroup can still
# refuse rmdir for a moment while the kernel finishes releasing its last tasks.
for d in "$@"; do
  for _ in $(seq 200); do
    find "$d" -depth -type d -exec rmdir {} + 2>/dev/null
    [ -d "$d" ] || break
    sleep 0.005
  done
  rmdir "${d%/*}" 2>/dev/null
done
exit $status
