#!/bin/sh
# Set up everything cjm needs on a Debian or Ubuntu machine, then run a job.
#
#   sh scripts/setup.sh examples   validate the bundled examples
#   sh scripts/setup.sh test       run the whole test suite
#
# System packages that are missing are installed with apt-get (as root, or
# through sudo); the Python packages go into .venv. Safe to run again: what is
# already there is kept.
set -eu
cd "$(dirname "$0")/.."

job="${1:-examples}"
case "$job" in
  examples|test) ;;
  *) echo "usage: sh scripts/setup.sh [examples|test]" >&2; exit 2 ;;
esac

# graphviz: the `dot` program; pango, harfbuzz and fonts: what WeasyPrint needs.
system_packages="graphviz libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core git"

python_ok() {
  command -v "$1" >/dev/null 2>&1 &&
    "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}
python="${PYTHON:-python3}"
python_ok "$python" || system_packages="$system_packages python3 python3-venv python3-pip"

missing=""
for package in $system_packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" ||
    missing="$missing $package"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then as_root=""; else as_root="sudo"; fi
  echo "Installing system packages:$missing"
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing
fi
python_ok "$python" || { echo "cjm needs Python 3.11 or newer with venv" >&2; exit 2; }

# The virtual environment, (re)installed when pyproject.toml changes.
stamp=".venv/.cjm-installed"
wanted="$(cat pyproject.toml | cksum)"
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  "$python" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  echo "$wanted" > "$stamp"
fi

if [ "$job" = "examples" ]; then
  .venv/bin/cjm validate examples/
else
  .venv/bin/python -m pytest
fi
