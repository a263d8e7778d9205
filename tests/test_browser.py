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

from govkg.graph.neo4j.backend import Neo4jSettings
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
    await run(':config autoComplete: false');  // the README's advice: draw what the query returns only
    await run(':style ' + a.grass);
    for (const p of a.params) await run(p);
    await run(a.query);
    await page.waitForSelector('svg g.node', { timeout: 30000 }).catch(() => null);
    await page.waitForTimeout(3000);
    const nodes = await page.$$eval('svg g.node', gs => gs.map(g => ({
      text: Array.from(g.querySelectorAll('text')).map(t => t.textContent).join(''),
      r: Number((g.querySelector('circle') || { getAttribute: () => 0 }).getAttribute('r')) })));
    const rels = await page.$$eval('svg g.relationship', gs => gs.map(g => {
      const shaft = g.querySelector('path.b-outline, path.outline, path');
      return { text: Array.from(g.querySelectorAll('text')).map(t => t.textContent).join(''),
               fill: shaft ? (shaft.getAttribute('fill') || getComputedStyle(shaft).fill) : null }; }));
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


def _draw(path: Path, settings: Neo4jSettings, tmp_path: Path) -> dict:
    """Log in, style, set the example parameters, run the picture; what Browser drew (node captions,
    relationship captions and colours) and a screenshot in $GOVKG_SCREENSHOTS."""
    chromium, node_path = headless.tools()
    _browser_served()
    text = path.read_text("utf-8")
    params = [f":param {k} => '{v}'" for k, v in re.findall(r"^//\s*example:\s*:param\s+(\w+)\s*=>\s*'([^']*)'", text, re.M)]
    query = " ".join(line for line in text.splitlines() if not line.strip().startswith("//"))
    grass = re.sub(r"\s+", " ", re.sub(r"/\*.*?\*/", "", (BROWSER / "govkg.grass").read_text("utf-8"), flags=re.S))
    shots = Path(os.environ.get("GOVKG_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    address = re.sub(r"^\w[\w+]*://", "", settings.uri)
    args = {"chromium": chromium, "url": BROWSER_URL, "address": address, "user": settings.user,
            "grass": grass, "params": params, "query": query, "screenshot": str(shots / f"{path.stem}.png")}
    script = tmp_path / "draw.js"
    script.write_text(SCRIPT, encoding="utf-8")
    result = subprocess.run(["node", str(script), json.dumps(args, ensure_ascii=False)], capture_output=True, text=True,
                            timeout=180, env={**os.environ, "NODE_PATH": node_path,
                                              "GOVKG_BROWSER_PASSWORD": settings.password})
    assert result.returncode == 0, f"headless Browser failed: {result.stderr.strip()[:500]}"
    assert (shots / f"{path.stem}.png").stat().st_size > 10_000, "the screenshot should show a drawing"
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def drawings(loaded: dict, neo4j_settings: Neo4jSettings, tmp_path_factory: pytest.TempPathFactory) -> dict:  # noqa: F811
    """Each picture drawn once, on demand: drawings[stem]."""
    class Drawings(dict):
        def __missing__(self, stem: str) -> dict:
            self[stem] = _draw(BROWSER / f"{stem}.cypher", neo4j_settings, tmp_path_factory.mktemp(stem))
            return self[stem]
    return Drawings()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _readable(drawn: dict, name: str) -> bool:
    """Some node's caption, read line after line inside its circle, is the whole name (no "…")."""
    return any(_squash(n["text"]) == _squash(name) for n in drawn["nodes"])


def _fills(drawn: dict, pick) -> set[str]:
    return {r["fill"] for r in drawn["rels"] if pick(r["text"])}


@pytest.mark.parametrize("path", PICTURES, ids=lambda p: p.stem)
def test_browser_draws_the_example(path: Path, drawings: dict) -> None:
    drawn = drawings[path.stem]
    assert len(drawn["nodes"]) > 1 and drawn["rels"], f"{path.name} drew {drawn}"
    cut = [n["text"] for n in drawn["nodes"] if "…" in n["text"]]
    assert not cut, f"{path.name}: captions cut off inside their circles: {cut}"


def test_group_picture_shows_its_full_name_and_leaders_apart_from_members(drawings: dict) -> None:
    drawn = drawings["group_members_posts"]
    assert _readable(drawn, "吕梁市离石区推动大规模设备更新和消费品以旧换新工作专班"), \
        f"the group's full name should be readable in its circle: {[n['text'] for n in drawn['nodes'][:3]]}"
    leaders = _fills(drawn, lambda t: t in ("组长", "副组长", "常务副组长", "第一副组长"))
    members = _fills(drawn, lambda t: t == "成员")
    assert leaders and members and not leaders & members, \
        f"组长/副组长 lines must have another colour than 成员 lines: {leaders} vs {members}"


def test_person_picture_sets_former_posts_apart_from_current(drawings: dict) -> None:
    drawn = drawings["person_timeline"]
    former = _fills(drawn, lambda t: t.startswith("曾任") or "已免" in t)
    current = _fills(drawn, lambda t: t == "主任")
    assert former and current and not former & current, \
        f"a removed post (曾任副主任) must look different from the current 主任: {former} vs {current}"


def test_body_picture_captions_tasks_with_number_and_title(drawings: dict) -> None:
    drawn = drawings["body_leaders_tasks"]
    assert _readable(drawn, "区工信和科技局"), "the body's full name is readable"
    assert _readable(drawn, "26. 加快重点行业污染深度治理"), "a task shows its number and title"
    assert _readable(drawn, "侯永强") and _fills(drawn, lambda t: t == "局长"), "the 局长 is drawn with his title"


def test_plan_picture_draws_one_body_s_tasks_with_chinese_captions(drawings: dict) -> None:
    drawn = drawings["plan_responsibilities"]
    assert _readable(drawn, "区工信和科技局") and _readable(drawn, "离政发〔2024〕30号")
    assert _readable(drawn, "26. 加快重点行业污染深度治理"), "task 26 shows its number and title"
    assert all(re.search(r"[\u4e00-\u9fff]", r["text"]) for r in drawn["rels"]), \
        f"every relationship caption is Chinese: {sorted({r['text'] for r in drawn['rels']})}"
