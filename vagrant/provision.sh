#!/usr/bin/env bash
# Provisions a Debian 12 machine for boxlab: installs Java, Maven and the tools the lessons use,
# builds boxlab, puts `boxlab` on the PATH and greets people on login. Safe to run again.
#   BOXLAB_HOME    where the boxlab repository is (default: the directory above this script)
#   BOXLAB_PREFIX  where bin/boxlab goes (default /usr/local)
#   BOXLAB_ETC     where profile.d/boxlab.sh (the greeting) goes (default /etc)
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
BOXLAB_HOME=${BOXLAB_HOME:-$(dirname "$here")}
BOXLAB_PREFIX=${BOXLAB_PREFIX:-/usr/local}
BOXLAB_ETC=${BOXLAB_ETC:-/etc}

if [ "$(id -u)" -ne 0 ]; then
  echo "provision.sh: run as root (sudo $0)" >&2
  exit 3
fi
[ -x "$BOXLAB_HOME/scripts/boxlab" ] || { echo "provision.sh: no boxlab at $BOXLAB_HOME" >&2; exit 3; }

echo "== packages"
need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
# shellcheck source=/dev/null
. "$BOXLAB_HOME/scripts/lib.sh"
ensure_packages

echo "== build"
if jar_stale; then build_jar; else echo "boxlab is up to date"; fi
# a jar built elsewhere (copied in) comes without the archive that makes boxlab start faster
[ -f "$BOXLAB_JSA" ] || build_cds

echo "== boxlab on the PATH"
mkdir -p "$BOXLAB_PREFIX/bin"
ln -sfn "$BOXLAB_HOME/scripts/boxlab" "$BOXLAB_PREFIX/bin/boxlab"

echo "== greeting"
mkdir -p "$BOXLAB_ETC/profile.d"
cat > "$BOXLAB_ETC/profile.d/boxlab.sh" <<'GREET'
# boxlab: say how to start, once per interactive login
case $- in *i*)
  printf '\n  Welcome to the boxlab workshop VM.\n\n'
  printf '    sudo boxlab                        pick a lesson\n'
  printf '    sudo boxlab --lesson networking    jump straight in\n'
  printf '    sudo boxlab --resume               continue where you stopped\n'
  printf '    sudo boxlab shell                  a shell in the running lab (second terminal)\n\n'
  ;;
esac
GREET
chmod 644 "$BOXLAB_ETC/profile.d/boxlab.sh"

echo "== check"
"$BOXLAB_PREFIX/bin/boxlab" --list
echo "boxlab is ready: sudo boxlab"
