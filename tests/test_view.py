"""`govkg view` pages read as a reader would read them, in headless Chromium (playwright-core from
npm, the system `chromium`, as tests/test_browser.py): the full names are drawn, leaders look
different from members, former posts from current ones, a click shows the document and line, and
the page makes no request beyond its own file. Screenshots go to $GOVKG_SCREENSHOTS when set.

Skipped when chromium, node or playwright-core is missing (a failure under CI=true).
"""

from __future__ import annotations

import json
import re
import os
import subprocess
from pathlib import Path

import pytest

from tests import headless
from tests.conftest import run_cli

GROUP = "吕梁市离石区推动大规模设备更新和消费品以旧换新工作专班"

SCRIPT = r"""
const { chromium } = require('playwright-core');
const a = JSON.parse(process.argv[2]);
(async () => {
  const browser = await chromium.launch({ executablePath: a.chromium, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requests = [];
    page.on('request', r => { if (r.url() !== a.url) requests.push(r.url()); });
    await page.goto(a.url);
    await page.waitForTimeout(300);
    const style = (sel, prop) => page.evaluate(([s, p]) => {
      const el = document.querySelector(s); return el ? getComputedStyle(el)[p] : null; }, [sel, prop]);
    const drawn = await page.evaluate(() => Array.from(document.querySelectorAll('svg text')).map(t => {
      const r = t.getBBox(); return { text: t.textContent, w: r.width, h: r.height }; }));
    const out = {
      requests, drawn,
      centre: await page.evaluate(() => { const g = document.querySelector('.node.centre');
        return g && { text: g.querySelector('text').getBBox().width, box: g.querySelector('rect').getBBox().width,
                      name: g.getAttribute('data-name') }; }),
      leaderStroke: await style('.edge.leader.current path', 'stroke'),
      leaderWidth: await style('.edge.leader.current path', 'strokeWidth'),
      memberStroke: await style('.edge.member path', 'stroke'),
      memberWidth: await style('.edge.member path', 'strokeWidth'),
      formerDash: await style('.edge.former path', 'strokeDasharray'),
      currentDash: await style('.edge.current path', 'strokeDasharray'),
      formerBar: await style('.post.former rect', 'fill'),
      currentBar: await style('.post.current rect', 'fill'),
      legend: await page.evaluate(() => (document.getElementById('legend') || {}).innerText || ''),
    };
    const clickable = page.locator(a.click).first();
    if (await clickable.count()) { await clickable.click(); out.panel = await page.locator('#panel').innerText(); }
    await page.screenshot({ path: a.screenshot, fullPage: true });
    out.requests = requests;
    console.log(JSON.stringify(out));
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(String(e).split('\n')[0]); process.exit(1); });
"""


@pytest.fixture(scope="module")
def tools() -> tuple[str, str]:
    return headless.tools()


def _view(store: Path, tmp_path: Path, tools: tuple[str, str], name: str, shot: str, click: str,
          *extra: str) -> dict:
    """Write the page with the real CLI, open it in Chromium, return what the reader sees."""
    html = tmp_path / f"{shot}.html"
    result = run_cli("view", name, "--store", str(store), "--out", str(html), *extra)
    assert result.returncode == 0, f"govkg view {name} failed: {result.stderr}"
    shots = Path(os.environ.get("GOVKG_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    chromium, node_path = tools
    args = {"chromium": chromium, "url": html.resolve().as_uri(), "click": click,
            "screenshot": str(shots / f"view_{shot}.png")}
    script = tmp_path / "view.js"
    script.write_text(SCRIPT, encoding="utf-8")
    run = subprocess.run(["node", str(script), json.dumps(args, ensure_ascii=False)], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "NODE_PATH": node_path})
    assert run.returncode == 0, f"headless Chromium failed: {run.stderr.strip()[:500]}"
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert (shots / f"view_{shot}.png").stat().st_size > 10_000, "the screenshot should show a drawing"
    return seen


def _drawn(seen: dict, text: str) -> bool:
    """The text is drawn in full (a visible box), not only present in the page source."""
    return any(t["text"] == text and t["w"] > 0 and t["h"] > 0 for t in seen["drawn"])


def test_group_page_draws_full_names_and_sets_leaders_apart(sample_store: Path, tmp_path: Path, tools) -> None:
    seen = _view(sample_store, tmp_path, tools, GROUP, "group", ".node.leader")
    assert seen["requests"] == [], f"the page must fetch nothing, it requested {seen['requests']}"
    assert _drawn(seen, GROUP), "the group's full name is drawn at the centre"
    assert seen["centre"]["text"] <= seen["centre"]["box"], f"the centre name fits its box: {seen['centre']}"
    assert _drawn(seen, "张海文"), "the 组长 张海文 is drawn by name"
    assert (seen["leaderStroke"], seen["leaderWidth"]) != (seen["memberStroke"], seen["memberWidth"]), \
        f"leaders' lines must look different from members': {seen}"
    assert "离政办函〔2024〕28号" in seen.get("panel", ""), f"a click shows the document: {seen.get('panel')}"
    assert "领导" in seen["legend"] and "成员" in seen["legend"], "the legend explains the line styles"


def test_body_page_draws_leaders_and_tasks_with_numbers(sample_store: Path, tmp_path: Path, tools) -> None:
    seen = _view(sample_store, tmp_path, tools, "区工科局", "body", ".node.task")
    assert seen["requests"] == [], f"the page must fetch nothing, it requested {seen['requests']}"
    assert _drawn(seen, "区工信和科技局"), "the abbreviation resolves and the full name is drawn"
    tasks = [t["text"] for t in seen["drawn"] if t["text"][:1].isdigit() and ". " in t["text"]]
    assert tasks, "tasks are drawn with their number and title"
    assert "第" in seen.get("panel", "") and "行" in seen["panel"], f"a click shows document and line: {seen.get('panel')}"


def test_person_page_sets_former_posts_apart_and_draws_the_timeline(sample_store: Path, tmp_path: Path,
                                                                     tools) -> None:
    seen = _view(sample_store, tmp_path, tools, "任凯旋", "person", ".event")
    assert seen["requests"] == [], f"the page must fetch nothing, it requested {seen['requests']}"
    assert _drawn(seen, "区综合检验检测中心") and _drawn(seen, "区医疗保险服务中心"), "both bodies are drawn in full"
    assert seen["formerDash"] not in (None, "none") and seen["currentDash"] in (None, "none"), \
        f"a former post is dashed, a current one is not: {seen['formerDash']} vs {seen['currentDash']}"
    assert _drawn(seen, "区综合检验检测中心 副主任（已免）"), "the timeline says the 副主任 post was removed"
    assert _drawn(seen, "区医疗保险服务中心 主任（现任）"), "the timeline says the 主任 post is current"
    assert seen["formerBar"] != seen["currentBar"], "former and current bars have different colours"
    assert "离政发〔2024〕31号" in seen.get("panel", ""), f"a click on a marker names the document: {seen.get('panel')}"


def test_plan_page_lists_tasks_by_number_and_title(sample_store: Path, tmp_path: Path, tools) -> None:
    seen = _view(sample_store, tmp_path, tools, "离政发〔2024〕30号", "plan", ".node.task")
    assert seen["requests"] == [], f"the page must fetch nothing, it requested {seen['requests']}"
    assert _drawn(seen, "26. 加快重点行业污染深度治理"), "task 26 is drawn with its number and title"
    assert _drawn(seen, "市生态环境局离石分局"), "a responsible body is drawn by its full name"


def test_view_page_is_self_contained_without_a_browser(sample_store: Path, tmp_path: Path) -> None:
    html = tmp_path / "p.html"
    result = run_cli("view", "任凯旋", "--store", str(sample_store), "--out", str(html))
    assert result.returncode == 0, result.stderr
    text = html.read_text("utf-8")
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in text, \
        "the page names no remote address"
    assert not re.search(r"\b(src|href)=", text), "the page loads no script, style or image from a file or URL"
    assert 'class="timeline"' in text, "a person's page carries the career timeline"


def test_view_timeline_needs_a_person(sample_store: Path, tmp_path: Path) -> None:
    result = run_cli("view", "区财政局", "--timeline", "--store", str(sample_store), "--out", str(tmp_path / "x.html"))
    assert result.returncode == 2 and "person" in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_view_unknown_name_exits_1_and_suggests(sample_store: Path, tmp_path: Path) -> None:
    result = run_cli("view", "区财务局", "--store", str(sample_store), "--out", str(tmp_path / "x.html"))
    assert result.returncode == 1 and "区财政局" in result.stderr, result.stderr
    assert not (tmp_path / "x.html").exists(), "nothing is written for an unknown name"


def test_view_unwritable_output_is_one_line(sample_store: Path, tmp_path: Path) -> None:
    result = run_cli("view", "区财政局", "--store", str(sample_store), "--out", str(tmp_path / "no" / "dir" / "x.html"))
    assert result.returncode == 2 and "Traceback" not in result.stderr and "x.html" in result.stderr, result.stderr


def test_names_are_escaped_not_markup() -> None:
    from govkg.graph.html_view import page
    from govkg.graph.picture import Column, Edge, Node, Picture
    evil = Node("body:x", "<script>alert(1)</script>局", "body")
    p = Picture("body", evil, "q", [Column("c", [Node("person:y", "张<b>三", "person")])],
                [Edge("person:y", "body:x", "局长\"onclick=\"x", "doc<1>", 3, "leader")])
    text = page(p)
    assert "<script>alert" not in text and "<b>三" not in text and '"onclick="' not in text
