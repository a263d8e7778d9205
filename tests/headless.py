"""Headless Chromium for the picture tests: the system `chromium` driven by playwright-core from npm.

Shared by tests/test_browser.py (Neo4j Browser) and tests/test_view.py (`govkg view` pages). A
missing tool skips the test, except under CI=true, where .ci/run installs them and it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def unavailable(reason: str) -> None:
    """Under CI=true (.ci/run installs chromium and playwright-core) a missing tool is a failure."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def tools() -> tuple[str, str]:
    """(chromium executable, NODE_PATH that finds playwright-core), or skip/fail naming what is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (chromium and node and npm):
        unavailable("needs chromium, node and npm (apt-get install chromium nodejs npm)")
    root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True).stdout.strip()
    node_path = os.pathsep.join(p for p in (os.environ.get("NODE_PATH", ""), root) if p)
    probe = subprocess.run([node, "-e", "require.resolve('playwright-core')"], env={**os.environ, "NODE_PATH": node_path},
                           capture_output=True)
    if probe.returncode != 0:
        unavailable("needs playwright-core (npm install -g playwright-core)")
    return chromium, node_path
