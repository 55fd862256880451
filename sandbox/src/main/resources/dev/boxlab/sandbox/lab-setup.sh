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

step "the lab's own cgroup tree on /sys/fs/cgroup ($BOXLAB_CGROUPS)"
# The lab runs in a cgroup namespace rooted at its own cgroup (boxlab/<id> on the machine), so a
# cgroup filesystem mounted here shows the lab's subtree as the whole tree. The lab's own
# processes move to the leaf "lab"; lessons make their cgroups beside it.
set -- $BOXLAB_CGROUPS
case "$1" in
  v2)
    # The machine's cgroup2 mount goes first: mount(8) refuses a second cgroup2 on the same
    # directory ("already mounted"), and the lab's mount table must show only the lab's tree.
    umount -R /sys/fs/cgroup 2>/dev/null || true
    mount -t cgroup2 cgroup2 /sys/fs/cgroup
    mkdir -p /sys/fs/cgroup/lab
    while read -r p; do echo "$p" > /sys/fs/cgroup/lab/cgroup.procs 2>/dev/null || true; done < /sys/fs/cgroup/cgroup.procs
    for c in memory pids cpu; do
      if grep -qw "$c" /sys/fs/cgroup/cgroup.controllers; then echo "+$c" > /sys/fs/cgroup/cgroup.subtree_control; fi
    done ;;
  v1)
    shift
    # The machine's own hierarchies leave the lab's mount table (not merely hidden under ours):
    # runc finds hierarchies in mountinfo and would try to make cgroups in ones the lab cannot reach.
    umount -R /sys/fs/cgroup 2>/dev/null || true
    mount -t tmpfs -o mode=755,size=64k cgroup /sys/fs/cgroup
    for h in "$@"; do
      dir=${h%%=*}; opts=${h#*=}
      mkdir -p "/sys/fs/cgroup/$dir"
      mount -t cgroup -o "$opts" cgroup "/sys/fs/cgroup/$dir"
      mkdir -p "/sys/fs/cgroup/$dir/lab"
      while read -r p; do echo "$p" > "/sys/fs/cgroup/$dir/lab/cgroup.procs" 2>/dev/null || true; done < "/sys/fs/cgroup/$dir/cgroup.procs"
    done ;;
esac
set --

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

step "links of the outside world up"
# veth carriers come up a moment after `ip link set up`; wait, so the first snapshot is settled
for _ in $(seq 200); do
  ip -o link show eth0 | grep -q 'state UP' && nsenter -t "$R" -n ip -o link show eth0 | grep -q 'state UP' &&
    nsenter -t "$R" -n ip -o link show eth1 | grep -q 'state UP' &&
    nsenter -t "$S" -n ip -o link show eth0 | grep -q 'state UP' && break
  sleep 0.005
done

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
cat > /run/boxlab/probe-cgroups.sh <<'PROBE'
# Each cgroup directory of the lab with its limits and usage, read with builtins only.
val() { local v; [ -r "$1" ] && read -r v < "$1" && printf '%s %s\n' "${1##*/}" "$v"; }
key() { local k v; [ -r "$1" ] || return 0; while read -r k v; do [ "$k" = "$2" ] && printf '%s.%s %s\n' "${1##*/}" "$k" "$v"; done < "$1"; }
procs() { local n=0 p; while read -r p; do n=$((n+1)); done < "$1/cgroup.procs"; printf 'procs %s\n' "$n"; }
walk() {
  local d
  for d in "$1"/*/; do [ -d "$d" ] && { echo "${d%/}"; walk "${d%/}"; }; done
}
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  for d in /sys/fs/cgroup $(walk /sys/fs/cgroup); do
    printf '\036DIR unified %s\n' "${d#/sys/fs/cgroup}/"
    procs "$d"
    val "$d/memory.max"; val "$d/memory.current"; key "$d/memory.events" oom_kill
    val "$d/pids.max"; val "$d/pids.current"; val "$d/cpu.max"; key "$d/cpu.stat" usage_usec
  done
else
  for h in /sys/fs/cgroup/*/; do
    h=${h%/}
    for d in "$h" $(walk "$h"); do
      printf '\036DIR %s %s\n' "${h##*/}" "${d#"$h"}/"
      procs "$d"
      val "$d/memory.limit_in_bytes"; val "$d/memory.usage_in_bytes"; val "$d/memory.failcnt"
      key "$d/memory.oom_control" oom_kill
      val "$d/pids.max"; val "$d/pids.current"
      val "$d/cpu.cfs_quota_us"; val "$d/cpu.cfs_period_us"; val "$d/cpuacct.usage"
    done
  done
fi
PROBE

step "ready"

# ---- Track 1 helpers (lessons processes, cgroups, rootfs, pid1, root, pods) ---------------------
# Small commands on the lab's PATH that lessons can name and a learner can read (`cat $(which X)`).
# Containers in these lessons are plain processes started with unshare; a container's name is its
# hostname.

step "the container-pid command"
cat > /run/boxlab/bin/container-pid <<'OUT'
#!/bin/sh
# container-pid NAME: the PID (as this lab sees it) of the container whose hostname is NAME, what
# `docker inspect -f '{{.State.Pid}}' NAME` prints on a Docker host.
# A container here is any process in a UTS namespace of its own whose hostname is NAME. When several
# share that namespace (`unshare --fork` leaves unshare itself in it), the one that is PID 1 of a
# PID namespace of its own wins.
[ $# -eq 1 ] || { echo "usage: container-pid NAME" >&2; exit 2; }
host_uts=$(readlink /proc/1/ns/uts)
find_it() {
  first=
  for d in /proc/[0-9]*; do
    uts=$(readlink "$d/ns/uts" 2>/dev/null) || continue
    [ "$uts" != "$host_uts" ] || continue
    [ "$(nsenter -t "${d#/proc/}" -u hostname 2>/dev/null)" = "$1" ] || continue
    # NSpid lists the process's PID in each PID namespace it is in, outermost first
    case "$(sed -n 's/^NSpid:[[:space:]]*//p' "$d/status" 2>/dev/null)" in
      *[[:space:]]1) echo "${d#/proc/}"; return 0 ;;
    esac
    [ -n "$first" ] || first=${d#/proc/}
  done
  [ -n "$first" ] && echo "$first"
}
# a container started a moment ago may not have set its hostname yet: look again for half a second
for _ in 1 2 3 4 5 6; do
  find_it "$1" && exit 0
  sleep 0.1
done
echo "container-pid: no container with the hostname $1" >&2
exit 1
OUT
chmod 755 /run/boxlab/bin/container-pid

step "the make-rootfs command"
cat > /run/boxlab/bin/make-rootfs <<'OUT'
#!/bin/sh
# make-rootfs DIR: a minimal root filesystem in DIR, from the lab's static busybox: the usual
# directories, /bin/busybox, a symlink for each busybox applet (sh, ls, ps, mount, ...), and an
# /etc/passwd with root. No image involved. (The rootfs lesson builds the same thing by hand.)
set -e
[ $# -eq 1 ] || { echo "usage: make-rootfs DIR" >&2; exit 2; }
if ldd /bin/busybox >/dev/null 2>&1; then
  echo "make-rootfs: /bin/busybox is dynamically linked; install busybox-static" >&2; exit 1
fi
mkdir -p "$1"
cd "$1"
mkdir -p bin sbin usr/bin usr/sbin etc proc sys dev tmp root
cp /bin/busybox bin/busybox
chroot . /bin/busybox --install -s
echo 'root:x:0:0:root:/root:/bin/sh' > etc/passwd
echo 'root:x:0:' > etc/group
OUT
chmod 755 /run/boxlab/bin/make-rootfs

step "the cgpath command"
cat > /run/boxlab/bin/cgpath <<'OUT'
#!/bin/sh
# cgpath NAME [FILE]: where the cgroup NAME, or its control file FILE, is on this machine.
#
# cgroup v2 has one tree, and every controller's files sit in it: /sys/fs/cgroup/NAME/FILE.
# cgroup v1 has a tree per controller (/sys/fs/cgroup/memory, .../pids, .../cpu), so NAME is a
# directory in each, and a few files have older names. Give FILE by its v2 name:
#   memory.max       v1: memory.limit_in_bytes
#   memory.current   v1: memory.usage_in_bytes
#   memory.events    v1: memory.oom_control  (both count kills on a line "oom_kill N")
#   memory.swap.max  v1: memory.swappiness   (0 means: never swap this cgroup, in both)
#   cpu.max          v1: cpu.cfs_quota_us    (write the quota alone, in microseconds per 100 ms)
#   pids.*, cpu.stat the same names, in the pids and cpu trees
# Without FILE, or for cgroup.* files, it prints one line per tree: on v1 a process must be
# written into cgroup.procs in each tree (`echo PID | tee $(cgpath NAME cgroup.procs)`).
case $# in 1|2) ;; *) echo "usage: cgpath NAME [FILE]" >&2; exit 2 ;; esac
root=${CGROUP_ROOT:-/sys/fs/cgroup}
name=$1 file=${2:-}
if [ -f "$root/cgroup.controllers" ]; then
  echo "$root/$name${file:+/$file}"
  exit 0
fi
case "$file" in
  ""|cgroup.*) ctrl= ;;
  *) ctrl=${file%%.*} ;;
esac
case "$file" in
  memory.max) file=memory.limit_in_bytes ;;
  memory.current) file=memory.usage_in_bytes ;;
  memory.events) file=memory.oom_control ;;
  memory.swap.max) file=memory.swappiness ;;
  cpu.max) file=cpu.cfs_quota_us ;;
esac
found=
for tree in "$root"/*/; do
  tree=${tree%/}
  [ -d "$tree" ] || continue
  if [ -n "$ctrl" ]; then
    case ",${tree##*/}," in *",$ctrl,"*) ;; *) continue ;; esac
  fi
  echo "$tree/$name${file:+/$file}"
  found=yes
done
[ -n "$found" ] || { echo "cgpath: no cgroup tree${ctrl:+ for the $ctrl controller} under $root" >&2; exit 1; }
OUT
chmod 755 /run/boxlab/bin/cgpath
# ---- end of track 1 helpers ---------------------------------------------------------------------

# ---- Track 2 helpers (lessons no-os, layers, build, extract, runtime) ---------------------------
# build-image does the build lesson in one go, for the lessons that start from its image;
# oci-verify checks an OCI image layout as a runtime would check what it pulls.

step "the build-image command"
cat > /run/boxlab/bin/build-image <<'OUT'
#!/bin/bash
# build-image [DIR]: the build lesson in one go. Builds a small image from this Dockerfile, by hand,
# into an OCI image layout in DIR (default /tmp/image), keeping the layer directories in /tmp/build:
#   FROM scratch
#   ADD rootfs /                                    # l1: a busybox root (make-rootfs)
#   RUN mkdir /app && ... > /app/hello.sh && ... > /tmp/build.log     # l2
#   RUN rm /tmp/build.log && echo 'hello 1.0' > /etc/app-release      # l3
#   CMD ["/app/hello.sh"]
# Each RUN is a container on the merged view of the layers so far, with a fresh upper dir: that upper
# dir is the new layer. Each layer is then packed as a tarball (whiteouts as .wh. files), compressed,
# and stored under its sha256 digest with a config and a manifest that name them.
set -e
image=${1:-/tmp/image}
b=/tmp/build
[ ! -e "$b" ] && [ ! -e "$image" ] || { echo "build-image: $b or $image exists already" >&2; exit 1; }
mkdir -p $b/l2 $b/l3 $b/work $b/merged "$image/blobs/sha256"

echo "layer 1: a busybox root"
make-rootfs $b/l1

echo "layer 2: RUN (a container on l1)"
mount -t overlay overlay -o lowerdir=$b/l1,upperdir=$b/l2,workdir=$b/work $b/merged
unshare --mount --uts --ipc --net --pid --fork chroot $b/merged /bin/sh -c '
  mkdir -p /app
  echo "#!/bin/sh" > /app/hello.sh
  echo "echo hello from an image built by hand" >> /app/hello.sh
  chmod 755 /app/hello.sh
  echo "compiled hello.sh" > /tmp/build.log'
umount $b/merged

echo "layer 3: RUN (a container on l2 and l1)"
mount -t overlay overlay -o lowerdir=$b/l2:$b/l1,upperdir=$b/l3,workdir=$b/work $b/merged
unshare --mount --uts --ipc --net --pid --fork chroot $b/merged /bin/sh -c '
  rm /tmp/build.log
  echo "hello 1.0" > /etc/app-release'
umount $b/merged

echo "layer blobs: tar (whiteouts as .wh. files), gzip, sha256"
for n in 1 2 3; do
  cp -a $b/l$n $b/stage$n
  # overlayfs marks a deleted file with a character device 0:0; any other device node is a file
  find $b/stage$n -type c | while read -r f; do
    [ "$(stat -c %t:%T "$f")" = 0:0 ] || continue
    rm "$f"; touch "${f%/*}/.wh.${f##*/}"
  done
  tar --sort=name --numeric-owner -C $b/stage$n -cf $b/l$n.tar .
  gzip -n -k $b/l$n.tar
  d=$(sha256sum < $b/l$n.tar.gz | cut -c1-64)
  cp $b/l$n.tar.gz "$image/blobs/sha256/$d"
done

echo "config: the diff_ids (digests of the uncompressed tars), the command"
diff_id() { echo "sha256:$(sha256sum < $b/l$1.tar | cut -c1-64)"; }
digest() { echo "sha256:$(sha256sum < "$1" | cut -c1-64)"; }
size() { stat -c %s "$1"; }
now=$(date -u +%FT%TZ)
cat > $b/config.json <<EOF
{
  "architecture": "$(dpkg --print-architecture 2>/dev/null || uname -m)",
  "os": "linux",
  "config": { "Cmd": ["/app/hello.sh"], "Env": ["PATH=/bin:/sbin:/usr/bin:/usr/sbin"] },
  "rootfs": { "type": "layers", "diff_ids": ["$(diff_id 1)", "$(diff_id 2)", "$(diff_id 3)"] },
  "history": [
    { "created": "$now", "created_by": "ADD rootfs /" },
    { "created": "$now", "created_by": "RUN mkdir /app && ... > /app/hello.sh && ... > /tmp/build.log" },
    { "created": "$now", "created_by": "RUN rm /tmp/build.log && echo 'hello 1.0' > /etc/app-release" },
    { "created": "$now", "created_by": "CMD [\"/app/hello.sh\"]", "empty_layer": true }
  ]
}
EOF
cp $b/config.json "$image/blobs/sha256/$(digest $b/config.json | cut -d: -f2)"

echo "manifest and index"
cat > $b/manifest.json <<EOF
{
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.manifest.v1+json",
  "config": { "mediaType": "application/vnd.oci.image.config.v1+json", "digest": "$(digest $b/config.json)", "size": $(size $b/config.json) },
  "layers": [
    { "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "$(digest $b/l1.tar.gz)", "size": $(size $b/l1.tar.gz) },
    { "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "$(digest $b/l2.tar.gz)", "size": $(size $b/l2.tar.gz) },
    { "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "$(digest $b/l3.tar.gz)", "size": $(size $b/l3.tar.gz) }
  ]
}
EOF
cp $b/manifest.json "$image/blobs/sha256/$(digest $b/manifest.json | cut -d: -f2)"
cat > "$image/index.json" <<EOF
{
  "schemaVersion": 2,
  "manifests": [
    { "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "$(digest $b/manifest.json)", "size": $(size $b/manifest.json),
      "annotations": { "org.opencontainers.image.ref.name": "latest" } }
  ]
}
EOF
echo '{"imageLayoutVersion": "1.0.0"}' > "$image/oci-layout"
echo "done: $image"
OUT
chmod 755 /run/boxlab/bin/build-image

step "the oci-verify command"
cat > /run/boxlab/bin/oci-verify <<'OUT'
#!/bin/bash
# oci-verify [DIR]: checks that DIR (default /tmp/image) is a valid OCI image layout, the way a
# runtime checks what it pulls: every blob named by its digest is that digest and size, the index
# names a manifest, the manifest a config and layers, and the config's diff_ids are the digests of
# the uncompressed layers, in order. Prints what it checked; exits 1 at the first problem.
image=${1:-/tmp/image}
fail() { echo "oci-verify: $*" >&2; exit 1; }
blob() { echo "$image/blobs/${1%%:*}/${1#*:}"; }
# a descriptor (digest and size) must match its blob
check_blob() {
  local f; f=$(blob "$1")
  [ -f "$f" ] || fail "$3: no blob $1"
  [ "sha256:$(sha256sum < "$f" | cut -c1-64)" = "$1" ] || fail "$3: blob $1 does not hash to its name"
  [ "$(stat -c %s "$f")" = "$2" ] || fail "$3: blob $1 is $(stat -c %s "$f") bytes, the descriptor says $2"
}
[ -d "$image" ] || fail "no directory $image"
jq -e '.imageLayoutVersion' "$image/oci-layout" >/dev/null 2>&1 || fail "oci-layout is missing or has no imageLayoutVersion"
jq -e '.manifests | length > 0' "$image/index.json" >/dev/null 2>&1 || fail "index.json is missing, is not JSON, or lists no manifest"
echo "ok   oci-layout, index.json"
m=$(jq -r '.manifests[0].digest' "$image/index.json"); ms=$(jq -r '.manifests[0].size' "$image/index.json")
check_blob "$m" "$ms" "index.json"
mf=$(blob "$m")
jq -e '.schemaVersion == 2 and (.layers | length > 0)' "$mf" >/dev/null 2>&1 || fail "manifest $m is not JSON with schemaVersion 2 and layers"
echo "ok   manifest $m ($ms bytes)"
c=$(jq -r '.config.digest' "$mf"); check_blob "$c" "$(jq -r '.config.size' "$mf")" "manifest's config"
cf=$(blob "$c")
jq -e '.rootfs.diff_ids | length > 0' "$cf" >/dev/null 2>&1 || fail "config $c has no rootfs.diff_ids"
echo "ok   config $c"
n=$(jq '.layers | length' "$mf")
[ "$(jq '.rootfs.diff_ids | length' "$cf")" = "$n" ] || fail "the manifest has $n layers, the config $(jq '.rootfs.diff_ids | length' "$cf") diff_ids"
for i in $(seq 0 $((n - 1))); do
  d=$(jq -r ".layers[$i].digest" "$mf")
  check_blob "$d" "$(jq -r ".layers[$i].size" "$mf")" "layer $((i + 1))"
  case "$(jq -r ".layers[$i].mediaType" "$mf")" in
    *+gzip) unpack="gzip -dc" ;;
    *) unpack="cat" ;;
  esac
  id=sha256:$($unpack < "$(blob "$d")" | sha256sum | cut -c1-64)
  [ "$id" = "$(jq -r ".rootfs.diff_ids[$i]" "$cf")" ] || fail "layer $((i + 1)): uncompressed it is $id, the config's diff_id $((i + 1)) is $(jq -r ".rootfs.diff_ids[$i]" "$cf")"
  echo "ok   layer $((i + 1)) $d, diff_id $id"
done
echo "$image is a valid OCI image layout ($n layers)"
OUT
chmod 755 /run/boxlab/bin/oci-verify
step "the mini-build command"
cat > /run/boxlab/bin/mini-build <<'OUT'
#!/bin/bash
# mini-build NAME DOCKERFILE: a small docker build, by hand (the slim lesson uses it). One instruction a line:
#   FROM IMAGE [AS STAGE]   start from an image built before (the lab has one: busybox) or an
#                           earlier stage of this file
#   RUN COMMANDS            a container on the layers so far; what it changes is the new layer
#   RUN <<EOF ... EOF       the same, the commands on the lines up to EOF (a heredoc)
#   COPY SRC DST            files from the Dockerfile's directory (the build context)
#   COPY --from=STAGE SRC DST   files from another stage or image (a multi-stage build)
# Every layer is a directory /tmp/slim/layers/KEY. KEY is the cache key: a digest of the key of
# the layer below, the instruction, and for COPY the content it copies. A layer whose key is there
# already is reused (CACHED), as docker build does. An image is the list of its layers, bottom
# first, in /tmp/slim/images/NAME; the last stage of the file is the image NAME.
set -e
S=/tmp/slim name=$1 file=$2 ctx=$(cd "$(dirname "$2")" && pwd)
mkdir -p $S/layers $S/images $S/merged $S/from
if [ ! -e $S/images/busybox ]; then make-rootfs $S/layers/busybox >/dev/null; echo $S/layers/busybox > $S/images/busybox; fi
lower() { local l= d; for d in "$@"; do l=$d${l:+:$l}; done; echo "$l"; }   # top layer first
content() { tar -C "$1" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - "$2" | sha256sum | cut -c1-16; }
stage=
while IFS= read -r line || [ -n "$line" ]; do
  case $line in ''|'#'*) continue ;; esac
  op=${line%% *} arg=${line#* } extra=
  case $op in
    FROM)
      [ -z "$stage" ] || printf '%s\n' "${layers[@]}" > $S/images/$stage
      set -- $arg; stage=${3:-}
      mapfile -t layers < $S/images/$1; key=${layers[-1]##*/}
      echo "        $line"; continue ;;
    RUN)
      case $arg in '<<'*)
        delim=${arg#<<} arg=
        while IFS= read -r l && [ "$l" != "$delim" ]; do arg+="$l"$'\n'; done
        extra=$arg ;;
      esac ;;
    COPY)
      set -- $arg; src_root=$ctx
      case $1 in --from=*)
        mapfile -t from < $S/images/${1#--from=}; shift; src_root=$S/from
        if [ ${#from[@]} -gt 1 ]; then mount -t overlay overlay -o lowerdir=$(lower "${from[@]}") $src_root
        else mount --bind "${from[0]}" $src_root; fi ;;
      esac
      src=${1#/} dst=$2 extra=$(content $src_root "$src") ;;
    *) echo "mini-build: unknown instruction: $line" >&2; exit 1 ;;
  esac
  key=$(printf '%s\n%s\n%s\n' "$key" "$line" "$extra" | sha256sum | cut -c1-16)
  layer=$S/layers/$key
  if [ -d $layer ]; then echo "CACHED  $line"
  else
    echo "BUILD   $line"
    rm -rf $layer.new $S/work; mkdir -p $layer.new $S/work
    case $op in
      RUN)
        mount -t overlay overlay -o lowerdir=$(lower "${layers[@]}"),upperdir=$layer.new,workdir=$S/work $S/merged
        unshare --mount --uts --ipc --net --pid --fork chroot $S/merged /bin/sh -ec "$arg" || { umount $S/merged; exit 1; }
        umount $S/merged ;;
      COPY)
        case $dst in */) mkdir -p "$layer.new/$dst" ;; *) mkdir -p "$layer.new/$(dirname "$dst")" ;; esac
        if [ -d "$src_root/$src" ]; then mkdir -p "$layer.new/$dst"; cp -a "$src_root/$src/." "$layer.new/$dst/"
        else cp -a "$src_root/$src" "$layer.new/$dst"; fi ;;
    esac
    mv $layer.new $layer
  fi
  if mountpoint -q $S/from; then umount $S/from; fi
  layers+=($layer)
done < "$file"
printf '%s\n' "${layers[@]}" > $S/images/$name
echo "image $name, bottom layer first:"
for l in "${layers[@]}"; do printf '  %6s  %s\n' "$(du -sh $l | cut -f1)" "${l##*/}"; done
OUT
chmod 755 /run/boxlab/bin/mini-build

# ---- end of track 2 helpers ---------------------------------------------------------------------
