# shellcheck shell=bash
# Each cgroup directory of the lab with its limits and usage, read with builtins only.
val() { local v; [ -r "$1" ] && read -r v < "$1" && printf '%s %s\n' "${1##*/}" "$v"; }
key() { local k v; [ -r "$1" ] || return 0; while read -r k v; do [ "$k" = "$2" ] && printf '%s.%s %s\n' "${1##*/}" "$k" "$v"; done < "$1"; }
procs() { local n=0; while read -r _; do n=$((n+1)); done < "$1/cgroup.procs"; printf 'procs %s\n' "$n"; }
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
