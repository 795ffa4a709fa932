"""The HTML report, opened in a real headless Chromium.

Three objects change between two small builds (web1: a kernel version,
web2: a package added, db1: a new object).  Chromium loads the report from
a file URL, runs its script and dumps the DOM; the test reads which object
sections are shown, the side-by-side old/new cells and the "N of M" count,
without a filter and with filters given in the URL fragment (by object
name, by configuration path, by status).  The page must load no external
resource.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from pancompiler.review.cli import main

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def node(kernel: str, packages: list[str]) -> dict:
    return {"system": {"kernel": {"version": kernel}}, "software": {"packages": packages}}


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("html")
    old = {"web1": node("6.1.0-18", ["bash"]), "web2": node("6.1.0-18", ["bash"]),
           "app1": node("6.1.0-18", ["bash"])}
    new = {"web1": node("6.1.0-20", ["bash"]), "web2": node("6.1.0-18", ["bash", "nginx"]),
           "app1": node("6.1.0-18", ["bash"]), "db1": node("6.1.0-18", ["bash", "postgresql"])}
    for side, objects in (("old", old), ("new", new)):
        (root / side / "profiles").mkdir(parents=True)
        for name, tree in objects.items():
            (root / side / "profiles" / f"{name}.json").write_text(json.dumps(tree))
    out = root / "report.html"
    assert main(["diff", str(root / "old"), str(root / "new"), "--format", "html", "-o", str(out)]) == 0
    return out


def dump_dom(page: Path, fragment: str, tmp_path: Path):
    profile = tmp_path / f"chromium-profile-{abs(hash(fragment))}"
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                           page.as_uri() + fragment], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return lxml.html.fromstring(done.stdout)


def shown(dom) -> list[str]:
    return [s.get("data-name") for s in dom.xpath('//section[@class="object"]') if s.get("hidden") is None]


def test_the_page_is_standalone(report) -> None:
    text = report.read_text()
    assert "http://" not in text and "https://" not in text
    dom = lxml.html.fromstring(text)
    assert not dom.xpath('//link[@href] | //script[@src] | //img[@src]')


def test_all_objects_side_by_side(report, tmp_path) -> None:
    dom = dump_dom(report, "", tmp_path)
    assert shown(dom) == ["db1", "web1", "web2"]
    assert dom.get_element_by_id("shown").text_content() == "3 of 3 objects shown"
    row = dom.xpath('//section[@data-name="web1"]//tr[@data-path="/system/kernel/version"]')[0]
    assert row.xpath('td[contains(@class, "old")]')[0].text_content().strip() == '"6.1.0-18"'
    assert row.xpath('td[contains(@class, "new")]')[0].text_content().strip() == '"6.1.0-20"'
    added = dom.xpath('//section[@data-name="web2"]//tr[@class="added"]')[0]
    assert added.get("data-path") == "/software/packages/1"
    assert added.xpath('td[contains(@class, "new")]')[0].text_content().strip() == '"nginx"'
    assert dom.get_element_by_id("n-changed").text_content() == "2"
    assert dom.get_element_by_id("n-unchanged").text_content() == "1"


def test_filter_by_object_name(report, tmp_path) -> None:
    dom = dump_dom(report, "#filter=web", tmp_path)
    assert shown(dom) == ["web1", "web2"]
    assert dom.get_element_by_id("shown").text_content() == "2 of 3 objects shown"
    assert dom.get_element_by_id("filter").get("value") is None        # set by script, not markup
    assert dom.xpath('//section[@data-name="db1"]')[0].get("hidden") is not None


def test_filter_by_configuration_path_and_status(report, tmp_path) -> None:
    assert shown(dump_dom(report, "#filter=%2Fsoftware%2Fpackages%2F1", tmp_path)) == ["web2"]
    assert shown(dump_dom(report, "#status=added", tmp_path)) == ["db1"]
    assert shown(dump_dom(report, "#filter=kernel&status=changed", tmp_path)) == ["web1"]
