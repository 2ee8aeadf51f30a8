#!/usr/bin/env bash
# Build the packaged MNIST Desk (dist/mnist-desk/) and check it with its own self-test.
#
#   tools/build_bundle.sh            release build: a fresh venv (build/release-venv) with
#                                    PyTorch's CPU-only torch and torchvision wheels
#   tools/build_bundle.sh --current  build with the Python environment already active
#                                    (python3 on PATH, or $PYTHON); with a CUDA build of
#                                    torch the bundle is several GB
#
# Ends with dist/mnist-desk-<version>-linux-<arch>.tar.gz. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="release"
if [ "${1:-}" = "--current" ]; then
  mode="current"
elif [ -n "${1:-}" ]; then
  echo "usage: $0 [--current]" >&2
  exit 2
fi

if [ "$mode" = "release" ]; then
  venv="build/release-venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --upgrade pip
  # CPU-only wheels: a CUDA build would add several GB of CUDA libraries to the bundle.
  "$venv/bin/pip" install torch torchvision --index-url https://download.pytorch.org/whl/cpu
  "$venv/bin/pip" install -e '.[package]'
  python="$venv/bin/python"
else
  python="${PYTHON:-python3}"
  "$python" -c "import PyInstaller" 2>/dev/null || "$python" -m pip install -e '.[package]'
fi

start=$SECONDS
"$python" -m PyInstaller --noconfirm build.spec
echo "built in $((SECONDS - start)) s"
QT_QPA_PLATFORM=offscreen dist/mnist-desk/mnist-desk --self-test

version="$("$python" -c 'import mnist_desk; print(mnist_desk.__version__)')"
archive="dist/mnist-desk-${version}-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" mnist-desk
du -sh dist/mnist-desk "$archive"
