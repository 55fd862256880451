# shellcheck shell=bash
# One network namespace: links with addresses, routes, rules with counters (iptables', and native
# nftables tables that iptables does not show), forwarding. Arguments: NAME KIND.
printf '\036NS %s %s\n' "$1" "$2"
ip -d -j addr show; echo
printf '\036ROUTES\n'
ip -j route show; echo
if [ "$2" != outside ]; then
  printf '\036RULES\n'
  iptables-save -c 2>/dev/null
  printf '\036NFT\n'
  nft list ruleset 2>/dev/null
fi
printf '\036FORWARD\n'
read -r f < /proc/sys/net/ipv4/ip_forward; echo "$f"
