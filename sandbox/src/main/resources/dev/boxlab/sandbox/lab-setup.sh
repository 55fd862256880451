# Builds a fresh lab from inside its namespaces. Run once by Lab.start() in the lab's own shell.
# Every step names itself first, so a failure says where it happened.
set -e
step() { printf '\036STEP %s\n' "$1"; }

step "private /run (ip netns names stay inside the lab)"
mount -t tmpfs -o size=16m,mode=755 boxlab-run /run
mkdir -p /run/netns /run/boxlab/bin /run/boxlab/outside /run/boxlab/www

step "private scratch space on /tmp"
mount -t tmpfs -o size=1g,mode=1777 boxlab-scratch /tmp

step "a resolv.conf of the lab's own"
printf 'nameserver 192.0.2.1\n' > /run/boxlab/resolv.conf
if [ -e /etc/resolv.conf ]; then mount --bind /run/boxlab/resolv.conf /etc/resolv.conf; fi

step "hostname lab-host"
hostname lab-host

step "loopback up, forwarding off"
ip link set lo up
echo 0 > /proc/sys/net/ipv4/ip_forward

step "the outside world: router and server namespaces"
# Each is held by a do-nothing process, never by a name in /run/netns: the learner's
# `ip netns list` shows only what the learner made.
( unshare --net bash -c 'exec -a boxlab-outside-router sleep infinity' </dev/null >/dev/null 2>&1 & echo $! > /run/boxlab/outside/router.pid )
( unshare --net bash -c 'exec -a boxlab-outside-server sleep infinity' </dev/null >/dev/null 2>&1 & echo $! > /run/boxlab/outside/server.pid )
R=$(cat /run/boxlab/outside/router.pid); S=$(cat /run/boxlab/outside/server.pid)
for i in $(seq 50); do
  [ "$(readlink /proc/$R/ns/net)" != "$(readlink /proc/self/ns/net)" ] &&
  [ "$(readlink /proc/$S/ns/net)" != "$(readlink /proc/self/ns/net)" ] && break
  sleep 0.01
done

step "uplink eth0 192.0.2.10/24 to the router 192.0.2.1"
ip link add eth0 type veth peer name eth0 netns "$R"
ip addr add 192.0.2.10/24 dev eth0
ip link set eth0 up
ip route add default via 192.0.2.1
nsenter -t "$R" -n sh -c '
  ip link set lo up
  ip addr add 192.0.2.1/24 dev eth0 && ip link set eth0 up
  echo 1 > /proc/sys/net/ipv4/ip_forward'

step "server 203.0.113.10 behind the router"
nsenter -t "$R" -n ip link add eth1 type veth peer name eth0 netns "$S"
nsenter -t "$R" -n sh -c 'ip addr add 203.0.113.1/24 dev eth1 && ip link set eth1 up'
nsenter -t "$S" -n sh -c '
  ip link set lo up
  ip addr add 203.0.113.10/24 dev eth0 && ip link set eth0 up
  ip route add default via 203.0.113.1'
printf 'hello from the outside server 203.0.113.10\n' > /run/boxlab/www/index.html
nsenter -t "$S" -n busybox httpd -p 80 -h /run/boxlab/www </dev/null >/dev/null 2>&1

step "the outside command"
cat > /run/boxlab/bin/outside <<'OUT'
#!/bin/sh
# Runs a command on the outside server (203.0.113.10), beyond the lab host's uplink.
# Example: outside curl -s http://192.0.2.10:8080/
[ $# -gt 0 ] || { echo "usage: outside COMMAND..." >&2; exit 2; }
exec nsenter -t "$(cat /run/boxlab/outside/server.pid)" -n -- "$@"
OUT
chmod 755 /run/boxlab/bin/outside

step "the snapshot probe"
cat > /run/boxlab/probe-ns.sh <<'PROBE'
# One network namespace: links with addresses, routes, rules with counters, forwarding.
printf '\036NS %s %s\n' "$1" "$2"
ip -d -j addr show; echo
printf '\036ROUTES\n'
ip -j route show; echo
if [ "$2" != outside ]; then
  printf '\036RULES\n'
  iptables-save -c 2>/dev/null
fi
printf '\036FORWARD\n'
read -r f < /proc/sys/net/ipv4/ip_forward; echo "$f"
PROBE
cat > /run/boxlab/probe.sh <<'PROBE'
# The whole lab: the lab host, each namespace in /run/netns, the outside world.
bash /run/boxlab/probe-ns.sh lab-host host
for f in /run/netns/*; do
  [ -e "$f" ] || continue
  nsenter --net="$f" bash /run/boxlab/probe-ns.sh "${f##*/}" netns 2>/dev/null
done
for f in /run/boxlab/outside/*.pid; do
  n=${f##*/}; n=${n%.pid}
  nsenter -t "$(cat "$f")" -n bash /run/boxlab/probe-ns.sh "$n" outside 2>/dev/null
done
printf '\036END\n'
PROBE
step "ready"
