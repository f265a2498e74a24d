#!/bin/sh
# Set up everything cjm needs on a Debian or Ubuntu machine, then run a job.
#
#   sh scripts/setup.sh examples   validate, lint, render and report on the bundled examples
#   sh scripts/setup.sh test       run the quality gates and the whole test suite
#   sh scripts/setup.sh latest     the test job against the newest releases of every
#                                  Python dependency instead of the lock (in .venv-latest)
#   sh scripts/setup.sh lock       write requirements.lock anew from pyproject.toml
#   sh scripts/setup.sh fuzz       fuzz every command (CJM_FUZZ_EXAMPLES inputs each, 2000 by default)
#
# System packages that are missing are installed with apt-get (as root, or
# through sudo); the Python packages go into .venv exactly as requirements.lock
# pins them (every file checked against its hash, and kept in .cache/wheels,
# from which the pre-commit test installs the hooks offline), and for the tests
# the Node packages into .cache/node. Safe to run again: what is already there is kept.
set -eu
cd "$(dirname "$0")/.."

job="${1:-examples}"
case "$job" in
  examples|test|latest|lock|fuzz) ;;
  *) echo "usage: sh scripts/setup.sh [examples|test|latest|lock|fuzz]" >&2; exit 2 ;;
esac

# graphviz: the `dot` program; pango, harfbuzz and fonts: what WeasyPrint needs.
system_packages="graphviz libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core git"

# node and npm: the tests run the real Mermaid parser (tests/render/package.json);
# chromium: they open every rendered page in a real browser.
if [ "$job" != "examples" ] && [ "$job" != "fuzz" ]; then
  system_packages="$system_packages chromium"
  command -v node >/dev/null 2>&1 || system_packages="$system_packages nodejs"
  command -v npm >/dev/null 2>&1 || system_packages="$system_packages npm"
fi

python="${PYTHON:-python3}"
python_ok() {
  command -v "$python" >/dev/null 2>&1 &&
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}
python_ok || system_packages="$system_packages python3 python3-venv"

if [ "$(id -u)" -eq 0 ]; then as_root=""; else as_root="sudo"; fi
apt_install() {
  echo "Installing system packages:$*"
  [ -n "${apt_updated:-}" ] || { $as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends "$@"
}

missing=""
for package in $system_packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" ||
    missing="$missing $package"
done
[ -z "$missing" ] || apt_install $missing
python_ok || { echo "cjm needs Python 3.11 or newer (python3, or set PYTHON)" >&2; exit 2; }

# The virtual environment, (re)installed when pyproject.toml or the lock changes.
venv=".venv"
[ "$job" = "latest" ] && venv=".venv-latest"
stamp="$venv/.cjm-installed"
wanted="$(cat pyproject.toml requirements.lock | cksum)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
    # Debian and Ubuntu ship venv's pip bootstrap separately
    rm -rf "$venv"
    apt_install python3-venv
    "$python" -m venv "$venv"
  fi
fi

# The wheelhouse: every locked file that fits this machine (pip download applies the
# lock's markers), downloaded once and checked against its hash. The virtual
# environment is installed from it, and the pre-commit test installs cjm's hooks
# from it offline, so CI downloads nothing twice.
wheels=".cache/wheels"
locked="$(cksum < requirements.lock)"
if [ "$job" != "latest" ] && [ "$(cat "$wheels/.cjm-downloaded" 2>/dev/null)" != "$locked" ]; then
  "$venv/bin/python" -m pip download --quiet --require-hashes --no-deps \
    -r requirements.lock -d "$wheels"
  echo "$locked" > "$wheels/.cjm-downloaded"
fi

if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  if [ "$job" = "latest" ]; then
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet --upgrade --upgrade-strategy eager -e ".[test,dev]"
  else
    "$venv/bin/python" -m pip install --quiet --require-hashes --no-deps \
      --no-index --find-links "$wheels" -r requirements.lock
    "$venv/bin/python" -m pip install --quiet --no-deps --no-build-isolation -e .
  fi
  echo "$wanted" > "$stamp"
fi

if [ "$job" = "lock" ]; then
  exec "$venv/bin/uv" pip compile pyproject.toml --extra test --extra dev --generate-hashes \
    --universal --python-version 3.11 --no-header --quiet -o requirements.lock
fi
if [ "$job" = "latest" ]; then
  "$venv/bin/python" - <<'EOF'
import re
from importlib.metadata import distributions

def name(text):
    return re.sub(r"[-_.]+", "-", text).lower()

with open("requirements.lock") as lock:
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^ ;]+)", lock.read(), re.M)
locked = {name(package): version for package, version in pins}
newer = sorted(f"  {d.metadata['Name']} {locked[name(d.metadata['Name'])]} -> {d.version}"
               for d in distributions()
               if locked.get(name(d.metadata["Name"]), d.version) != d.version)
print("Releases newer than requirements.lock:" if newer else
      "requirements.lock pins the newest releases.", *newer, sep="\n")
EOF
fi

if [ "$job" = "fuzz" ]; then
  CJM_FUZZ_EXAMPLES="${CJM_FUZZ_EXAMPLES:-2000}"
  export CJM_FUZZ_EXAMPLES
  exec "$venv/bin/python" -m pytest -m fuzz tests/fuzz
fi
if [ "$job" = "examples" ]; then
  .venv/bin/cjm validate examples/
  .venv/bin/cjm lint --fail-on warning examples/
  .venv/bin/cjm render examples/ --format html --out rendered/
  .venv/bin/cjm render examples/ --format pdf --out rendered/
  .venv/bin/cjm report examples/ --format markdown --output rendered/report.md
else
  # The Node packages of the Mermaid test, (re)installed when their lock file changes.
  node_dir=".cache/node"
  wanted="$(cat tests/render/package.json tests/render/package-lock.json | cksum)"
  if [ ! -d "$node_dir/node_modules" ] ||
     [ "$(cat "$node_dir/.cjm-installed" 2>/dev/null)" != "$wanted" ]; then
    mkdir -p "$node_dir"
    cp tests/render/package.json tests/render/package-lock.json "$node_dir/"
    npm ci --prefix "$node_dir" --no-audit --no-fund --loglevel=error
    echo "$wanted" > "$node_dir/.cjm-installed"
  fi
  if [ "$job" = "test" ]; then
    "$venv/bin/ruff" check cjm tests benchmarks
    "$venv/bin/ruff" format --check cjm tests benchmarks
    "$venv/bin/mypy"
  fi
  "$venv/bin/python" -m pytest
fi
