# shellcheck shell=bash
# One network namespace: links with addresses, routes, rules with counters (iptables', and native
# nftables tables that iptables does not show), forwarding. Arguments: NAME KIND.
printf '\036NS %s %s\n' "$1" "$2"
ip -d -j addr show; echo
printf '\036ROUTES\n'
ip -j route show; echo
if [ "$2" != outside ]; then
  # iptables-save only where it has something to say: iptables-nft's tables are nftables tables
  # (nft lists them), legacy iptables' are named in /proc/net/ip_tables_names; most namespaces
  # have neither, and a process less each makes a snapshot quicker
  nft=$(nft list ruleset 2>/dev/null) || true
  legacy=
  { read -r legacy < /proc/net/ip_tables_names; } 2>/dev/null || true
  printf '\036RULES\n'
  if [ -n "$nft" ] || [ -n "$legacy" ]; then iptables-save -c 2>/dev/null; fi
  printf '\036NFT\n'
  if [ -n "$nft" ]; then printf '%s\n' "$nft"; fi
fi
printf '\036FORWARD\n'
read -r f < /proc/sys/net/ipv4/ip_forward; echo "$f"
