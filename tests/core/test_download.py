"""``mnist-desk download`` without a network: one plain line, a non-zero exit, nothing raw from urllib."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def closed_port() -> int:
    """A local port nothing listens on (bound, then released): connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_download_without_network_says_the_network_cannot_be_reached(tmp_path):
    proxy = f"http://127.0.0.1:{closed_port()}"  # every request goes to a proxy that is not there
    env = {**os.environ, "http_proxy": proxy, "https_proxy": proxy, "HTTP_PROXY": proxy, "HTTPS_PROXY": proxy,
           "PYTHONPATH": str(ROOT)}
    env.pop("no_proxy", None)
    env.pop("NO_PROXY", None)
    result = subprocess.run([sys.executable, "-m", "mnist_desk", "download", "--data-dir", str(tmp_path)],
                            capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "the network cannot be reached" in lines[0]
    assert str(tmp_path / "MNIST" / "raw") in lines[0]
    assert "urlopen" not in lines[0] and "Errno" not in lines[0]
