"""The pieces of an SCDB build, in process: .properties files, ant globs, discovery.

Each test writes a small tree into a temporary folder and inspects what
``pancompiler.driver`` makes of it (properties, matched folders, clusters,
include paths, builds); ``test_scdb_site`` runs whole builds.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from pancompiler.driver import antglob, site
from pancompiler.driver.properties import Properties, read_properties
from pancompiler.errors import SystemError_


def write(root: Path, rel: str, text: str = "") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip())
    return path


# ------------------------------------------------------------ .properties

def test_properties_syntax_as_java_reads_it(tmp_path: Path):
    path = write(tmp_path, "p.properties", r"""
        # a comment
        ! another comment
        a=1
        b : two words
        c   spaced
          d=indented
        e=first \
           second
        f=tab\there
        g=\u0041\u00e9
        h\ key=escaped key
        empty=
        trailing=odd\\
        a=last wins
    """)
    props = {k: v.text for k, v in read_properties(str(path)).items()}
    assert props == {"a": "last wins", "b": "two words", "c": "spaced", "d": "indented",
                     "e": "first second", "f": "tab\there", "g": "A\u00e9", "h key": "escaped key",
                     "empty": "", "trailing": "odd\\"}


def test_properties_remember_file_and_line(tmp_path: Path):
    path = write(tmp_path, "p.properties", "# settings\n\nx=1\n")
    assert read_properties(str(path))["x"].origin == f"{path}:3"


def test_malformed_unicode_escape_names_file_and_line(tmp_path: Path):
    path = write(tmp_path, "p.properties", "ok=1\nbad=\\u12\n")
    with pytest.raises(SystemError_, match=rf"{path}:2: malformed \\uxxxx escape"):
        read_properties(str(path))


def test_unreadable_properties_file(tmp_path: Path):
    (tmp_path / "p.properties").mkdir()
    with pytest.raises(SystemError_, match="cannot read .*p.properties"):
        read_properties(str(tmp_path / "p.properties"))


def test_first_definition_wins_and_references_expand(tmp_path: Path):
    first = write(tmp_path, "first", "site=lyon\nlibs=sites/${site} ${undefined}\n")
    second = write(tmp_path, "second", "site=paris\nmine=${site}/x\n")
    props = Properties()
    props.load(str(first))
    props.load(str(second))
    assert props.get("site") == "lyon"
    assert props.get("libs") == "sites/lyon ${undefined}"
    assert props.get("mine") == "lyon/x"


@pytest.mark.parametrize("word,value", [("true", True), ("Yes", True), ("on", True), ("false", False),
                                        ("no", False), ("OFF", False)])
def test_flags_take_ants_words(tmp_path: Path, word: str, value: bool):
    props = Properties()
    props.load(str(write(tmp_path, "p", f"x={word}\n")))
    assert props.flag("x") is value


def test_flag_with_another_word_is_an_error(tmp_path: Path):
    path = write(tmp_path, "p", "x=ture\n")
    props = Properties()
    props.load(str(path))
    with pytest.raises(SystemError_, match=rf"{path}:1: x must be true or false, not 'ture'"):
        props.flag("x")


# ------------------------------------------------------------ ant globs

@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    for rel in ("os/el8/config", "os/el9/config", "quattor/24.10/components", "quattor/dev",
                "standard", "sites/example/site", ".git/objects", "os/.svn"):
        (tmp_path / "cfg" / rel).mkdir(parents=True)
    return tmp_path / "cfg"


def rel(base: Path, found: list[str]) -> list[str]:
    return [os.path.relpath(p, base) for p in found]


@pytest.mark.parametrize("pattern,expected", [
    ("standard", ["standard"]),
    ("os/el*", ["os/el8", "os/el9"]),
    ("os/el?", ["os/el8", "os/el9"]),
    ("quattor/*", ["quattor/24.10", "quattor/dev"]),
    ("sites/**", ["sites", "sites/example", "sites/example/site"]),
    ("sites/", ["sites", "sites/example", "sites/example/site"]),
    ("**/config", ["os/el8/config", "os/el9/config"]),
    ("os/*", ["os/el8", "os/el9"]),                 # .svn never matches
    ("*", ["os", "quattor", "sites", "standard"]),  # nor .git
    ("Standard", []),                               # case-sensitive
    ("os/el[89]", []),                              # no character classes
    ("missing/dir", []),
    ("../cfg/standard", []),                        # never leaves the base folder
    ("os/../standard", []),
])
def test_ant_dirset_patterns(cfg: Path, pattern: str, expected: list[str]):
    assert rel(cfg, antglob.match_dirs(str(cfg), pattern)) == expected


def test_absolute_pattern_matches_nothing(cfg: Path):
    assert antglob.match_dirs(str(cfg), str(cfg / "standard")) == []


def test_patterns_split_on_blanks_and_commas():
    assert antglob.split_patterns(" sites/example,os  quattor/dev ,\tstandard ") == [
        "sites/example", "os", "quattor/dev", "standard"]


def test_linked_folders_match_and_loops_end(cfg: Path):
    (cfg / "standard" / "loop").symlink_to(cfg / "standard", target_is_directory=True)
    (cfg / "linked").symlink_to(cfg / "os", target_is_directory=True)
    assert rel(cfg, antglob.match_dirs(str(cfg), "linked/*")) == ["linked/el8", "linked/el9"]
    assert "standard" in rel(cfg, antglob.match_dirs(str(cfg), "standard/**"))


# ------------------------------------------------------------ discovery

def scdb(root: Path, props: str = "") -> Path:
    write(root, "quattor.build.properties", props)
    for lib in ("standard", "os/el9", "sites/example", "grid/umd-4"):
        (root / "cfg" / lib).mkdir(parents=True, exist_ok=True)
    return root


def profile(root: Path, cluster: str, name: str, suffix: str = ".pan") -> None:
    write(root, f"cfg/clusters/{cluster}/profiles/{name}{suffix}", f"object template {name};\n")


def by_name(plan) -> dict:
    return {c.name: c for c in plan.clusters}


def test_scdb_clusters_and_include_path_order(tmp_path: Path):
    root = scdb(tmp_path)
    write(root, "cfg/clusters/web/cluster.build.properties",
          "cluster.pan.includes=sites/example os/* standard\n")
    (root / "cfg/clusters/web/site").mkdir(parents=True)
    profile(root, "web", "w1")
    plan = site.plan_site(str(root))
    cluster = by_name(plan)["web"]
    cfg = root / "cfg"
    assert cluster.include_path == tuple(str(p) for p in (
        cfg / "clusters/web", cfg / "clusters/web/profiles", cfg / "clusters/web/site",
        cfg / "sites/example", cfg / "os/el9", cfg / "standard"))
    assert plan.scdb and plan.default_formats() == "pan,dep" and plan.default_max_iteration() == 5000


def test_root_level_layout_keeps_working(tmp_path: Path):
    write(tmp_path, "clusters/c/cluster.build.properties", "cluster.pan.includes=sites/a\n")
    (tmp_path / "sites/a").mkdir(parents=True)
    write(tmp_path, "clusters/c/profiles/n.pan", "object template n;\n")
    plan = site.plan_site(str(tmp_path))
    assert by_name(plan)["c"].include_path[-1] == str(tmp_path / "sites/a")
    assert not plan.scdb and plan.default_formats() == "json,dep" and plan.default_max_iteration() == 10000


def test_group_properties_and_cluster_precedence(tmp_path: Path):
    root = scdb(tmp_path, "clusters.groups.enable=true\n")
    write(root, "cfg/clusters/grid/cluster.group.build.properties",
          "cluster.pan.includes=grid/umd-4 standard\n")
    write(root, "cfg/clusters/grid/ce/cluster.build.properties", "cluster.pan.includes=os/el9\n")
    profile(root, "grid/ce", "ce1")
    profile(root, "grid/wn", "wn1")
    clusters = by_name(site.plan_site(str(root)))
    assert set(clusters) == {"grid/ce", "grid/wn"}
    assert clusters["grid/ce"].include_path[-1] == str(root / "cfg/os/el9")             # the cluster wins
    assert clusters["grid/wn"].include_path[-2:] == (str(root / "cfg/grid/umd-4"), str(root / "cfg/standard"))


def test_site_properties_win_over_cluster_ones_as_in_ant(tmp_path: Path):
    root = scdb(tmp_path, "cluster.pan.includes=standard\n")
    write(root, "cfg/clusters/web/cluster.build.properties", "cluster.pan.includes=os/el9\n")
    profile(root, "web", "w1")
    assert by_name(site.plan_site(str(root)))["web"].include_path[-1] == str(root / "cfg/standard")


def test_references_to_site_properties_expand(tmp_path: Path):
    root = scdb(tmp_path, "site.dir=sites/example\n")
    write(root, "cfg/clusters/web/cluster.build.properties", "cluster.pan.includes=${site.dir} standard\n")
    profile(root, "web", "w1")
    assert str(root / "cfg/sites/example") in by_name(site.plan_site(str(root)))["web"].include_path


def test_cluster_properties_may_name_the_cluster(tmp_path: Path):
    root = scdb(tmp_path, "clusters.groups.enable=true\n")
    (root / "cfg/shared/ce").mkdir(parents=True)
    write(root, "cfg/clusters/grid/cluster.group.build.properties",
          "cluster.pan.includes=shared/${cluster.current} ${groupname}/umd-4\n")
    profile(root, "grid/ce", "ce1")
    assert by_name(site.plan_site(str(root)))["grid/ce"].include_path[-2:] == (
        str(root / "cfg/shared/ce"), str(root / "cfg/grid/umd-4"))


def test_empty_glob_adds_nothing_and_is_reported(tmp_path: Path):
    root = scdb(tmp_path)
    write(root, "cfg/clusters/web/cluster.build.properties", "cluster.pan.includes=grid/umd-3 standard\n")
    profile(root, "web", "w1")
    plan = site.plan_site(str(root))
    assert by_name(plan)["web"].include_path[-1] == str(root / "cfg/standard")
    assert any("'grid/umd-3'" in w and "matches no folder" in w for w in plan.warnings)


def test_clusters_without_profiles_are_skipped(tmp_path: Path):
    root = scdb(tmp_path)
    write(root, "cfg/clusters/nagios/profiles/master.tpl.DISABLED", "object template master;\n")
    (root / "cfg/clusters/empty").mkdir(parents=True)
    profile(root, "web", "w1")
    plan = site.plan_site(str(root))
    assert list(by_name(plan)) == ["web"]
    assert sum("cluster skipped" in w for w in plan.warnings) == 2


def test_tpl_and_nested_profiles(tmp_path: Path):
    root = scdb(tmp_path)
    profile(root, "web", "w1", ".tpl")
    write(root, "cfg/clusters/web/profiles/dc1/rack2/w2.pan", "object template dc1/rack2/w2;\n")
    plan = site.plan_site(str(root))
    assert sorted(plan.builds[0].catalog) == ["dc1/rack2/w2", "w1"]


def test_groups_look_like_clusters_when_groups_are_off(tmp_path: Path):
    root = scdb(tmp_path)
    profile(root, "grid/ce", "ce1")
    plan = site.plan_site(str(root))
    assert plan.clusters == []
    assert any("clusters.groups.enable=true" in n for n in plan.notes)


def test_one_build_per_group_with_group_outputs(tmp_path: Path):
    root = scdb(tmp_path, "clusters.groups.enable=true\nclusters.groups.xml=true\n")
    profile(root, "grid/ce", "node")
    profile(root, "test/ce", "node")                 # same object name in another group: allowed
    plan = site.plan_site(str(root))
    assert [(b.group, os.path.relpath(b.output_dir, root)) for b in plan.builds] == [
        ("grid", "build/profiles/grid"), ("test", "build/profiles/test")]


@pytest.mark.parametrize("clusters,groups,expected", [
    ([], ["grid"], {"grid/ce", "grid/wn"}),
    (["ce"], [], {"grid/ce", "test/ce"}),
    (["grid/ce"], [], {"grid/ce"}),
    (["ce"], ["test"], {"test/ce"}),
])
def test_selection(tmp_path: Path, clusters, groups, expected):
    root = scdb(tmp_path, "clusters.groups.enable=true\n")
    for c in ("grid/ce", "grid/wn", "test/ce"):
        profile(root, c, c.replace("/", "-"))
    plan = site.plan_site(str(root), clusters=clusters, groups=groups)
    built = {s.path.split("/clusters/")[1].rsplit("/profiles/", 1)[0] for b in plan.builds for s in b.specs}
    assert built == expected
    assert len(plan.builds[0].catalog) == 3            # every object stays readable


def test_unknown_selection_is_an_error(tmp_path: Path):
    root = scdb(tmp_path, "clusters.groups.enable=true\n")
    profile(root, "grid/ce", "ce1")
    with pytest.raises(SystemError_, match="no cluster group named 'prod' \\(known: grid\\)"):
        site.plan_site(str(root), groups=["prod"])
    with pytest.raises(SystemError_, match="no cluster named 'wn'"):
        site.plan_site(str(root), clusters=["wn"])


def test_selection_needs_site():
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, "-m", "pancompiler.cli", "--group", "grid", "x.pan"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--cluster and --group need --site ROOT" in proc.stderr


def test_group_selection_needs_groups(tmp_path: Path):
    root = scdb(tmp_path)
    profile(root, "web", "w1")
    with pytest.raises(SystemError_, match="--group needs cluster groups"):
        site.plan_site(str(root), groups=["web"])


def test_no_clusters_folder(tmp_path: Path):
    with pytest.raises(SystemError_, match="no cfg/clusters/ \\(SCDB\\) or clusters/ folder"):
        site.plan_site(str(tmp_path))
