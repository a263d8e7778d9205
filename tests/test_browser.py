"""The pictures of graph/browser/ drawn by the real Neo4j Browser that the dev server serves, in
headless Chromium (playwright-core from npm, the system `chromium`): log in, apply govkg.grass,
set the example parameter, run the query, count the drawn nodes, keep a screenshot.

Needs the loaded graph of tests/test_neo4j.py (the `loaded` fixture); skipped when chromium, node
or playwright-core is missing (a failure under CI=true). Screenshots go to $GOVKG_SCREENSHOTS when set.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import urllib.request
from pathlib import Path

import pytest

from govkg.graph.neo4j_backend import Neo4jSettings
from tests import headless
from tests.test_neo4j import BROWSER, loaded, neo4j_settings, sample_facts  # noqa: F401  (fixtures)

pytestmark = pytest.mark.neo4j

BROWSER_URL = os.environ.get("NEO4J_BROWSER_URL", "http://127.0.0.1:7474/browser/")
PICTURES = sorted(p for p in BROWSER.glob("*.cypher") if not p.stem.endswith("_table"))

SCRIPT = r"""
const { chromium } = require('playwright-core');
const fs = require('fs');
const a = JSON.parse(process.argv[2]);
(async () => {
  const browser = await chromium.launch({ executablePath: a.chromium, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(a.url);
    await page.waitForSelector('[data-testid="password"]', { timeout: 60000 });
    await page.selectOption('[data-testid="bolt-scheme-select"]', 'bolt://');
    await page.fill('[data-testid="boltaddress"]', a.address);
    await page.fill('[data-testid="username"]', a.user);
    await page.fill('[data-testid="password"]', process.env.GOVKG_BROWSER_PASSWORD);
    await page.click('[data-testid="connect"]');
    await page.waitForFunction(() => !document.body.innerText.includes('Database access not available'), null, { timeout: 30000 });
    const run = async (text) => {
      await page.locator('[data-testid="activeEditor"] textarea').first().click();
      await page.keyboard.insertText(text);
      await page.keyboard.press('Control+Enter');
      await page.waitForTimeout(1500);
    };
    await run(':style ' + a.grass);
    for (const p of a.params) await run(p);
    await run(a.query);
    await page.waitForSelector('svg g.node', { timeout: 30000 }).catch(() => null);
    await page.waitForTimeout(3000);
    const nodes = await page.locator('svg g.node').count();
    const rels = await page.locator('svg g.relationship').count();
    await page.locator('[data-testid="frame"]').first().screenshot({ path: a.screenshot });
    console.log(JSON.stringify({ nodes, rels }));
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(String(e).split('\n')[0]); process.exit(1); });
"""


def _browser_served() -> None:
    try:
        urllib.request.urlopen(BROWSER_URL, timeout=5).read(100)
    except OSError as e:
        headless.unavailable(f"Neo4j Browser not served at {BROWSER_URL}: {e}")


@pytest.mark.parametrize("path", PICTURES, ids=lambda p: p.stem)
def test_browser_draws_the_example(path: Path, loaded: dict, neo4j_settings: Neo4jSettings,  # noqa: F811
                                   tmp_path: Path) -> None:
    chromium, node_path = headless.tools()
    _browser_served()
    text = path.read_text("utf-8")
    params = [f":param {k} => '{v}'" for k, v in re.findall(r"^//\s*example:\s*:param\s+(\w+)\s*=>\s*'([^']*)'", text, re.M)]
    query = " ".join(line for line in text.splitlines() if not line.strip().startswith("//"))
    grass = re.sub(r"\s+", " ", re.sub(r"/\*.*?\*/", "", (BROWSER / "govkg.grass").read_text("utf-8"), flags=re.S))
    shots = Path(os.environ.get("GOVKG_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    address = re.sub(r"^\w[\w+]*://", "", neo4j_settings.uri)
    args = {"chromium": chromium, "url": BROWSER_URL, "address": address, "user": neo4j_settings.user,
            "grass": grass, "params": params, "query": query, "screenshot": str(shots / f"{path.stem}.png")}
    script = tmp_path / "draw.js"
    script.write_text(SCRIPT, encoding="utf-8")
    result = subprocess.run(["node", str(script), json.dumps(args, ensure_ascii=False)], capture_output=True, text=True,
                            timeout=180, env={**os.environ, "NODE_PATH": node_path,
                                              "GOVKG_BROWSER_PASSWORD": neo4j_settings.password})
    assert result.returncode == 0, f"headless Browser failed: {result.stderr.strip()[:500]}"
    drawn = json.loads(result.stdout.strip().splitlines()[-1])
    assert drawn["nodes"] > 1 and drawn["rels"] > 0, f"{path.name} drew {drawn}"
    assert (shots / f"{path.stem}.png").stat().st_size > 10_000
