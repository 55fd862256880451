# shellcheck shell=bash
# PID 1 of the lab's world: a pid and mount namespace of its own on the machine, entered by
# wrapper.sh. Arguments: the lab's cgroup directories. It builds the outside world (a router and a
# server on documentation addresses), starts the lab inside (root.sh, in fresh net, mount, uts, ipc,
# pid and cgroup namespaces), wires the lab's uplink eth0 to the router, says READY, and then reads
# boxlab's pipe until it closes. When it exits, the kernel ends every process of the world, the lab's
# among them, and with them every namespace, mount, veth and rule: nothing outlives boxlab.
#
# The learner cannot reach anything here: the lab's pid namespace is nested inside this one, so
# `kill -9 -1` in the lab cannot see the outside server's processes, and the router's and server's
# namespaces are held by mounts in this mount namespace, not by processes.
set -eE
STEP=start
step() { STEP=$1; printf 'STEP %s\n' "$1"; }
trap 'printf "FAIL %s (world.sh line %s: %s)\n" "$STEP" "$LINENO" "$BASH_COMMAND"' ERR
exec 4<&0   # boxlab's pipe, kept for the lab init, which reads it too

step "the world's private /run"
mount -t tmpfs -o size=4m,mode=755 boxlab-world /run
mkdir -p /run/netns /run/www

step "the outside router and server namespaces"
ip netns add router
ip netns add server
ip link add eth1 netns router type veth peer name eth0 netns server
ip -n router -b - <<'IP'
link set lo up
address add 203.0.113.1/24 dev eth1
link set eth1 up
IP
ip -n server -b - <<'IP'
link set lo up
address add 203.0.113.10/24 dev eth0
link set eth0 up
route add default via 203.0.113.1
IP
nsenter --net=/run/netns/router sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward'

step "the outside server's web page"
printf 'hello from the outside server 203.0.113.10\n' > /run/www/index.html
nsenter --net=/run/netns/server busybox httpd -p 80 -h /run/www </dev/null >/dev/null 2>&1

step "the lab's namespaces"
mkfifo /run/lab-ready
exec 6<>/run/lab-ready   # read-write: neither side blocks opening it
(
  for d in "$@"; do echo "$BASHPID" > "$d/inside/cgroup.procs"; done
  exec 6>&- <&4 4<&-
  # shellcheck disable=SC2016  # expanded by the bash it starts
  exec unshare --net --mount --uts --ipc --pid --cgroup --fork --propagation private \
    -- bash -c 'eval "$BOXLAB_ROOT"' "boxlab-root-$BOXLAB_LAB_ID"
) &
lab=$!
# waits without a process each: a read with a timeout on a fifo nobody writes to
mkfifo /run/tick
exec 7<>/run/tick
nap() { read -r -t "$1" -u 7 _ || true; }
# unshare itself is in the lab's network namespace once it has run (it forks only for the pid one)
for ((i = 0; i < 500; i++)); do
  [[ /proc/$lab/ns/net -ef /proc/self/ns/net ]] || break
  kill -0 $lab
  nap 0.002
done
# unshare waits outside the lab (its child is the lab init): it belongs with the world's processes,
# and on cgroup v2 the lab's root cgroup must hold no process before it can enable controllers
for d in "$@"; do echo "$lab" > "$d/outside/cgroup.procs"; done

step "the lab's uplink eth0 192.0.2.10/24 to the router 192.0.2.1"
ip link add eth0 netns "$lab" type veth peer name eth0 netns router
ip -n router -b - <<'IP'
address add 192.0.2.1/24 dev eth0
link set eth0 up
IP
nsenter --net=/proc/$lab/ns/net ip -b - <<'IP'
link set lo up
address add 192.0.2.10/24 dev eth0
link set eth0 up
route add default via 192.0.2.1
IP

step "the lab's own root"
# root.sh says "ok" when its root is built; a read that times out keeps what it read so far
got=
until read -r -t 0.05 -u 6 line; do
  got+=$line
  kill -0 $lab 2>/dev/null || { echo "FAIL the lab's own root (the lab init ended)"; exit 1; }
done
got+=$line
[ "$got" = ok ] || { echo "FAIL the lab's own root (the lab init said: $got)"; exit 1; }
exec 6<&-

step "links of the outside world up"
# veth carriers come up a moment after `ip link set up`; wait, so the first snapshot is settled
# (a veth is UP once both of its ends are: the router's two links cover all four ends)
for ((i = 0; i < 400; i++)); do
  links=$(ip -n router -o link show)
  [[ $links == *"state UP"*"state UP"* ]] && break
  nap 0.005
done
exec 7<&-

echo READY
exec 1>/dev/null 2>&1
exec -a "boxlab-world-$BOXLAB_LAB_ID" bash -c 'while read -r _; do :; done' <&4 4<&-
