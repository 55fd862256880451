# shellcheck shell=bash
# The lab init: run by world.sh in the lab's fresh net, mount, uts, ipc, pid and cgroup namespaces.
# Builds the lab's own root and pivots into it, the way a container runtime does:
#  - an overlay whose lower layer is the machine's root (read-only to the lab) and whose upper
#    layer is a tmpfs of the lab's, so every tool of the machine is there and every write, delete
#    or chmod lands in the lab and vanishes with it;
#  - fresh /proc, /sys (read-only), /dev (a few character devices, no disks), /run and /tmp;
#  - the lab's own cgroup tree on /sys/fs/cgroup;
#  - /proc/sys read-only but for net.*, kernel-wide /proc files masked (as runc's default spec);
# then drops the capabilities no lesson needs from the bounding set and becomes a loop that reads
# boxlab's pipe (and, being PID 1, reaps orphans) until boxlab closes it.
# Environment: BOXLAB_LAB_ID, BOXLAB_CGROUPS ("v2", "v1 DIR=OPTS ...", "none"), BOXLAB_FILES (a
# script that writes the lab's probes and commands under /run/boxlab), BOXLAB_DROP_CAPS.
set -eE
STEP=start
step() { STEP=$1; printf 'STEP %s\n' "$1"; }
trap 'printf "FAIL %s (root.sh line %s: %s)\n" "$STEP" "$LINENO" "$BASH_COMMAND"' ERR
exec 5>/run/lab-ready   # world.sh waits on this for "ok"
R=/run/lab/root

step "the lab's scratch space"
mkdir -p /run/lab
mount -t tmpfs -o size=2g,mode=755 boxlab-root-upper /run/lab
mkdir -p /run/lab/upper /run/lab/work $R

step "the lab's own root: an overlay on the machine's /"
if ! mount -t overlay boxlab-root -o lowerdir=/,upperdir=/run/lab/upper,workdir=/run/lab/work $R; then
  echo "FAIL the lab's own root: the machine's root filesystem ($(findmnt -n -o FSTYPE /)) cannot be the lower layer of an overlay"
  exit 1
fi
# Other filesystems of the machine with files on them (a separate /usr, /home, /boot...) get an
# overlay of their own at the same place; pseudo filesystems are mounted fresh below instead.
n=0
while read -r _ _ _ _ mp _ rest; do
  fstype=${rest#*- }; fstype=${fstype%% *}
  case "$mp" in /|/proc|/proc/*|/sys|/sys/*|/dev|/dev/*|/run|/run/*|/tmp|/tmp/*) continue ;; esac
  case "$fstype" in ext[234]|xfs|btrfs|f2fs|overlay|zfs|vfat|9p|virtiofs|nfs|nfs4) ;; *) continue ;; esac
  printf -v mp '%b' "$mp"   # mountinfo escapes spaces as \040
  [ -d "$R$mp" ] || continue
  n=$((n + 1)); mkdir -p "/run/lab/upper-$n" "/run/lab/work-$n"
  mount -t overlay "boxlab-root-$n" -o "lowerdir=$mp,upperdir=/run/lab/upper-$n,workdir=/run/lab/work-$n" "$R$mp" 2>/dev/null ||
    echo "note: $mp ($fstype) is not visible in the lab"
done < /proc/self/mountinfo

step "a fresh /proc"
mount -t proc -o nosuid,nodev,noexec proc $R/proc

step "a read-only /sys"
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs $R/sys

step "a minimal /dev (no disks)"
mount -t tmpfs -o mode=755,size=64k,nosuid,noexec boxlab-dev $R/dev
# copies of the machine's nodes and links (cp -a makes the nodes anew): one process, not fifteen
have=()
for n in null zero full random urandom tty fd stdin stdout stderr; do
  if [ -e "/dev/$n" ] || [ -L "/dev/$n" ]; then have+=("/dev/$n"); fi
done
cp -a "${have[@]}" $R/dev/
[ -e $R/dev/fd ] || ln -s /proc/self/fd $R/dev/fd
mkdir -p $R/dev/pts $R/dev/shm $R/dev/net $R/dev/mqueue
mknod -m 666 $R/dev/net/tun c 10 200
ln -s pts/ptmx $R/dev/ptmx
mount -t devpts -o newinstance,ptmxmode=0666,mode=620,nosuid,noexec devpts $R/dev/pts
mount -t tmpfs -o mode=1777,nosuid,nodev boxlab-shm $R/dev/shm
mount -t mqueue -o nosuid,nodev,noexec mqueue $R/dev/mqueue

step "a private /run (ip netns names stay inside the lab)"
mount -t tmpfs -o size=16m,mode=755 boxlab-run $R/run
mkdir -p $R/run/netns $R/run/boxlab/bin $R/run/boxlab/outside $R/run/boxlab/proc $R/run/boxlab/old-root

step "private scratch space on /tmp"
mount -t tmpfs -o size=1g,mode=1777 boxlab-scratch $R/tmp

step "the outside world, as seen from the lab"
# the router's and server's network namespaces, for the probes and the `outside` command
for ns in router server; do
  : > "$R/run/boxlab/outside/$ns"
  mount --bind "/run/netns/$ns" "$R/run/boxlab/outside/$ns"
done

step "the lab's own cgroup tree on /sys/fs/cgroup ($BOXLAB_CGROUPS)"
# The lab runs in a cgroup namespace rooted at its own cgroup (boxlab/ID/inside on the machine), so
# a cgroup filesystem mounted here shows the lab's subtree as the whole tree. The lab's own
# processes move to the leaf "lab"; lessons make their cgroups beside it.
C=$R/sys/fs/cgroup
# shellcheck disable=SC2086  # words on purpose
set -- $BOXLAB_CGROUPS
case "$1" in
  v2)
    mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 $C
    mkdir -p $C/lab
    echo $$ > $C/lab/cgroup.procs
    # the world moves unshare (our parent, in this cgroup too) out a moment after it started us
    # (read, not grep: a process less per controller; the sleep is only for a retry)
    read -r have < $C/cgroup.controllers || true
    for c in memory pids cpu; do
      [[ " $have " == *" $c "* ]] || continue
      for ((i = 0; i < 200; i++)); do echo "+$c" 2>/dev/null > $C/cgroup.subtree_control && break; sleep 0.005; done
      read -r on < $C/cgroup.subtree_control || true
      [[ " $on " == *" $c "* ]]
    done ;;
  v1)
    shift
    # Only the lab's hierarchies are in its mount table: runc finds hierarchies in mountinfo and
    # would try to make cgroups in ones the lab cannot reach.
    mount -t tmpfs -o mode=755,size=64k,nosuid,nodev,noexec cgroup $C
    for h in "$@"; do
      dir=${h%%=*}; opts=${h#*=}
      mkdir -p "$C/$dir"
      mount -t cgroup -o "$opts,nosuid,nodev,noexec" cgroup "$C/$dir"
      mkdir -p "$C/$dir/lab"
      echo $$ > "$C/$dir/lab/cgroup.procs"
    done
    mount -o remount,ro $C ;;
esac
set --

step "the lab's files: probes, commands, resolv.conf"
(cd $R/run/boxlab && eval "$BOXLAB_FILES")
# the lab's own resolver (the router), written into the lab's layer, never the machine's file
rm -f $R/etc/resolv.conf
printf 'nameserver 192.0.2.1\n' > $R/etc/resolv.conf

step "pivot_root into the lab's own root"
cd $R
pivot_root . run/boxlab/old-root
umount -l /run/boxlab/old-root
rmdir /run/boxlab/old-root
cd /

step "kernel-wide files read-only or masked (as runc's default spec)"
# A full, unmasked proc of the lab's own: the kernel lets a user namespace mount proc (unshare
# --user --mount-proc in the root lesson) only where a fully visible proc is mounted already.
# It reveals nothing new: with CAP_SYS_ADMIN the lab's root could mount it anyway.
mount -t proc -o nosuid,nodev,noexec proc /run/boxlab/proc
# every mask as one fstab and one `mount --all` (a process, not one per mask; bind,ro binds and
# remounts read-only); the file stays, saying what boxlab masked
m=/run/boxlab/masks.fstab
: > $m
for f in kcore keys timer_list timer_stats sched_debug latency_stats; do
  if [ -e "/proc/$f" ]; then echo "/dev/null /proc/$f none bind 0 0" >> $m; fi
done
for d in acpi scsi asound; do
  if [ -d "/proc/$d" ]; then echo "boxlab-masked /proc/$d tmpfs ro,size=0 0 0" >> $m; fi
done
for p in bus fs irq sys sysrq-trigger; do
  if [ -e "/proc/$p" ]; then echo "/proc/$p /proc/$p none bind,ro 0 0" >> $m; fi
done
mount --all --fstab $m
# networking is per namespace: the lessons turn on forwarding, the learner tunes what they like
mount --bind /proc/sys/net /proc/sys/net
mount -o remount,bind,rw /proc/sys/net

step "hostname lab-host, forwarding off"
hostname lab-host
echo 0 > /proc/sys/net/ipv4/ip_forward

echo ok >&5
exec 5>&-
exec 1>/dev/null 2>&1
# the bounding set without what no lesson needs: every process of the lab descends from here or
# enters through `boxlab shell`, which drops the same set
# shellcheck disable=SC2016  # expanded by the bash it starts
exec setpriv --bounding-set "$BOXLAB_DROP_CAPS" --inh-caps=-all \
  -- bash -c 'exec -a "boxlab-lab-$BOXLAB_LAB_ID" bash -c "while read -r _; do :; done"'
