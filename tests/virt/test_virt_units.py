"""Unit tests of the pieces with their own logic: quoting, names, model reading, pruning."""

from __future__ import annotations

import pytest
from virt_site import fq, make_site, source

from pancompiler.virt import build_virtualisation, check_site
from pancompiler.virt.files import prune_stale, write_files
from pancompiler.virt.model import at, load_node
from pancompiler.virt.quoting import (
    UnsafeValue,
    grub_args,
    grub_quoted,
    grub_word,
    name_problem,
    xl_value,
)


@pytest.mark.parametrize("value,text", [
    (8192, "8192"), (True, "1"), ("pygrub", "'pygrub'"), ("it's", "\"it's\""), ("a\\b", "'a\\\\b'"),
    ([], "[]"), (["a", "b"], "[ 'a', 'b' ]"), ("café", "'café'"),
])
def test_xl_value(value, text):
    assert xl_value(value) == text


@pytest.mark.parametrize("value", ["a\nb", "a\x00", "tab\there", "\x7f", "both ' and \"", None, 1.5])
def test_xl_value_refuses(value):
    with pytest.raises(UnsafeValue):
        xl_value(value)


def test_grub_quoting():
    assert grub_word("/vmlinuz-6.1") == "/vmlinuz-6.1"
    assert grub_args("root=/dev/md0  ro console=tty0,115200") == "root=/dev/md0 ro console=tty0,115200"
    assert grub_args("a;b $x") == "'a;b' '$x'"
    assert grub_quoted("Xen's entry") == "'Xen'\\''s entry'"
    with pytest.raises(UnsafeValue):
        grub_word("a\nb")


@pytest.mark.parametrize("name", ["vm01.example.org", "a", "vm-01_x.y"])
def test_safe_names(name):
    assert name_problem(name) is None


@pytest.mark.parametrize("name", ["", "..", "../x", "a/b", "a b", "a'b", 'a"b', "a\x01", ".hidden", "-x", "a..b"])
def test_unsafe_names(name):
    assert name_problem(name)


def test_at_and_mistyped_values():
    tree = {"a": {"b": [{"c": 1}]}}
    assert at(tree, "/a/b/0/c") == 1
    assert at(tree, "/a/b/1/c") is None and at(tree, "/a/x") is None and at(tree, "/a/b/c") is None
    node = load_node("x", {"hardware": {"ram": [{"size": "lots"}, {"size": 512}], "cpu": [{}, {"cores": True}],
                                        "slot": "3"}}, "x.pan")
    assert (node.ram_mb, node.cores, node.slot) == (512, 2, None)


def test_dom0_mem_from_grub_when_not_declared():
    profiles, _ = make_site()
    tree = profiles[fq("hv01")]
    del tree["system"]["virtualisation"]["dom0_mem"]
    assert load_node(fq("hv01"), tree, None).dom0_mem == 4096
    tree["software"]["components"]["grub"]["kernels"][0]["mbargs"] = "dom0_mem=2G"
    assert load_node(fq("hv01"), tree, None).dom0_mem == 2048


def test_physical_machine_with_a_room_location_is_not_a_guest(tmp_path):
    profiles, sources = make_site()
    profiles["ws01.example.org"] = {"hardware": {"location": "room 2", "cards": {"nic": {"eth0": {
        "hwaddr": "00:50:56:00:99:01"}}}}}
    _, graph, errors = check_site(profiles, sources)
    assert errors == [] and "ws01.example.org" not in graph


def test_chassis_without_profile(tmp_path):
    profiles, sources = make_site()
    profiles[fq("hv02")]["hardware"]["chassis"] = fq("enc09")
    errors = build_virtualisation(profiles, sources, str(tmp_path)).errors
    found = [e for e in errors if "there is no profile " + fq("enc09") in e.message]
    assert len(found) == 1 and fq("hv02") in found[0].message and source("hv02") in found[0].message


def test_write_and_prune(tmp_path):
    files = {"xen/h/a.cfg": b"a\n", "xen/h/auto": b"a\n", "grub/h/menu.lst": b"m\n"}
    assert write_files(str(tmp_path), files) == sorted(files)
    assert write_files(str(tmp_path), files) == []
    (tmp_path / "xen" / "h" / "notes.txt").write_text("mine")
    (tmp_path / "xen" / "old").mkdir()
    (tmp_path / "xen" / "old" / "b.cfg").write_text("b")
    removed = prune_stale(str(tmp_path), {"xen/h/auto", "grub/h/menu.lst"})
    assert removed == ["xen/h/a.cfg", "xen/old/b.cfg"]
    assert (tmp_path / "xen" / "h" / "notes.txt").exists() and not (tmp_path / "xen" / "old").exists()
    assert not list(tmp_path.rglob("*.tmp"))
