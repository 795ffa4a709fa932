"""panc-fetch: configuration, conditional GETs, gzip, failover, the cache layout, foreign profiles."""

from __future__ import annotations

import gzip
import json
import os
import stat
import subprocess
import sys

from node_support import HOST

from pancompiler.node.config import read_config, substitute


def test_first_fetch_writes_ccm_cache_layout(web, agent, site_profiles, capsys):
    server = web()
    node = agent(server.url + "/__HOST__.__DOMAIN__.json")
    code, out, err = node.run(capsys=capsys)
    assert code == 0, err
    assert out.strip() == f"panc-fetch: updated: {HOST} profile.1 from {server.url}/{HOST}.json"
    assert node.current_cid() == "1" and (node.cache / "latest.cid").read_text() == "1\n"
    folder = node.cache / "profile.1"
    assert (folder / "profile").read_bytes() == (site_profiles / f"{HOST}.json").read_bytes()
    assert os.readlink(folder / "profile.json") == "profile"
    assert (folder / "profile.url").read_text() == f"{server.url}/{HOST}.json\n"
    assert (node.cache / "global.lock").read_text() == "no\n"
    assert (node.cache / "fetch.lock").exists() and not os.listdir(node.cache / "tmp")
    # gzip was asked for and the server's Last-Modified became the cached file's mtime
    path, headers = server.requests[0]
    assert path == f"/{HOST}.json" and headers["Accept-Encoding"] == "gzip"
    assert "If-Modified-Since" not in headers
    assert int(os.stat(folder / "profile").st_mtime) == int(os.stat(site_profiles / f"{HOST}.json").st_mtime)
    assert stat.S_IMODE(os.stat(folder / "profile").st_mode) == 0o600


def test_second_fetch_is_conditional_and_unchanged(web, agent, capsys):
    server = web()
    node = agent(server.url + f"/{HOST}.json")
    assert node.run(capsys=capsys)[0] == 0
    code, out, _ = node.run(capsys=capsys)
    assert code == 0 and out.startswith(f"panc-fetch: unchanged: {HOST} profile.1 (") and "not modified" in out
    profile_requests = [h for p, h in server.requests if p == f"/{HOST}.json"]
    assert "If-Modified-Since" in profile_requests[1]
    assert node.current_cid() == "1" and sorted(p.name for p in node.cache.glob("profile.*")) == ["profile.1"]


def test_changed_profile_new_cid_and_keep_old_purges(web, agent, site_profiles, capsys):
    server = web()
    node = agent(server.url + f"/{HOST}.json", extra={"keep_old": "1"})
    source = site_profiles / f"{HOST}.json"
    tree = json.loads(source.read_text())
    for n in range(1, 5):
        tree["system"]["serial"] = n
        source.write_text(json.dumps(tree))
        os.utime(source, (1_700_000_000 + n * 10, 1_700_000_000 + n * 10))
        write_index_again(site_profiles)
        code, out, err = node.run(capsys=capsys)
        assert code == 0 and f"profile.{n} from" in out, err
    assert node.current_cid() == "4"
    assert sorted(p.name for p in node.cache.glob("profile.*")) == ["profile.3", "profile.4"]
    assert json.loads(node.current())["system"]["serial"] == 4


def test_forced_fetch_is_unconditional_and_same_bytes_keep_cid(web, agent, capsys):
    server = web()
    node = agent(server.url + f"/{HOST}.json")
    node.run(capsys=capsys)
    code, out, _ = node.run("--force", capsys=capsys)
    assert code == 0 and "same bytes" in out and node.current_cid() == "1"
    assert "If-Modified-Since" not in [h for p, h in server.requests if p == f"/{HOST}.json"][1]


def test_etag_sent_back(web, agent, capsys):
    server = web()
    tag = '"v1"'

    def with_etag(handler):
        if handler.headers.get("If-None-Match") == tag:
            handler.send_response(304)
            handler.end_headers()
            return
        body = (server.folder / f"{HOST}.json").read_bytes()
        handler.send_response(200)
        handler.send_header("ETag", tag)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    server.faults[f"/{HOST}.json"] = with_etag
    node = agent(server.url + f"/{HOST}.json")
    assert node.run(capsys=capsys)[0] == 0
    code, out, _ = node.run(capsys=capsys)
    assert code == 0 and "not modified" in out


def test_failover_after_retries(web, agent, capsys):
    server = web()
    dead = "http://127.0.0.1:9/" + f"{HOST}.json"
    node = agent(dead, extra={"profile_failover": f"{server.url}/missing.json,{server.url}/__HOST__.__DOMAIN__.json"})
    code, out, err = node.run(capsys=capsys)
    assert code == 0, err
    assert f"from {server.url}/{HOST}.json" in out
    assert err.count("connection refused (try") == 2 and err.count("HTTP 404") == 2


def test_gzip_profile_url_and_pan_xml(web, agent, site_profiles, capsys):
    body = json.loads((site_profiles / f"{HOST}.json").read_text())
    (site_profiles / f"{HOST}.json.gz").write_bytes(gzip.compress(json.dumps(body).encode()))
    xml = ("<?xml version='1.0' encoding='UTF-8'?><nlist format='pan' name='profile'><nlist name='system'>"
           "<nlist name='network'><string name='hostname'>hv01</string><string name='domainname'>example.org"
           "</string></nlist><long name='n'>3</long><boolean name='b'>true</boolean></nlist></nlist>")
    (site_profiles / f"{HOST}.xml").write_text(xml)
    server = web()
    node = agent(server.url + f"/{HOST}.json.gz")
    assert node.run(capsys=capsys)[0] == 0
    assert json.loads(node.current()) == body
    node_xml = agent(server.url + f"/{HOST}.xml")
    code, out, err = node_xml.run(capsys=capsys)
    assert code == 0, err
    assert os.path.islink(node_xml.cache / "profile.1" / "profile.xml")


def test_foreign_profile_goes_to_its_own_cache(web, agent, capsys):
    server = web()
    node = agent(server.url + "/__HOST__.__DOMAIN__.json", extra={"profile_failover": "http://127.0.0.1:9/x.json"})
    code, out, err = node.run("--foreign", "vm01.example.org", capsys=capsys)
    assert code == 0, err
    foreign = node.cache / "foreign" / "vm01.example.org"
    assert (foreign / "current.cid").read_text() == "1\n"
    assert json.loads((foreign / "profile.1" / "profile").read_text())["system"]["network"]["hostname"] == "vm01"
    assert not (node.cache / "current.cid").exists()


def test_noquattor_marker_blocks_unless_forced(web, agent, capsys):
    server = web()
    node = agent(server.url + f"/{HOST}.json")
    (node.dir / "noquattor").write_text("kernel upgrade in progress (jdoe)\n")
    code, _, err = node.run(capsys=capsys)
    assert code == 3
    assert err.strip() == (f"panc-fetch: disabled: {node.dir}/noquattor exists (kernel upgrade in progress (jdoe)); "
                           "no fetch (use --force-quattor to fetch anyway)")
    assert not server.requests
    assert node.run("--force-quattor", capsys=capsys)[0] == 0


def test_world_readable(web, agent, capsys):
    node = agent(web().url + f"/{HOST}.json", extra={"world_readable": "1"})
    assert node.run(capsys=capsys)[0] == 0
    assert stat.S_IMODE(os.stat(node.cache / "profile.1" / "profile").st_mode) == 0o644
    assert stat.S_IMODE(os.stat(node.cache / "profile.1").st_mode) == 0o755


def test_config_file_unknown_keys_warned_options_override(tmp_path, web, agent, capsys):
    server = web()
    node = agent("http://127.0.0.1:9/nothing.json", tail="frobnicate 1\njson_typed 1\nlonely\n")
    conf = node.conf
    code, out, err = node.run("--profile", server.url + "/__HOST__.__DOMAIN__.json", capsys=capsys)
    assert code == 0, err
    assert "ccm.conf:10: unknown key 'frobnicate' ignored" in err
    assert "ccm.conf:12: line 'lonely' is not 'key value', ignored" in err
    assert "json_typed" not in err
    settings = read_config(str(conf))
    assert settings.get_timeout == 2 and settings.retrieve_wait == 0 and settings.lock_retries == 0


def test_bad_config_value_is_a_config_error(agent, capsys):
    node = agent("http://127.0.0.1:9/x.json", extra={"get_timeout": "soon"})
    code, _, err = node.run(capsys=capsys)
    assert code == 6
    assert err.strip() == f"panc-fetch: config-error: {node.dir}/ccm.conf:3: get_timeout 'soon' is not a number"


def test_host_and_domain_substitution():
    assert substitute("http://s/p/__HOST__.__DOMAIN__.json", "hv01.example.org") == \
        "http://s/p/hv01.example.org.json"
    assert substitute("http://s/__DOMAIN__/__HOST__.xml", "hv01.example.org") == "http://s/example.org/hv01.xml"


def fetch_twice_from(base, site_profiles, agent, capsys):
    for url in (f"{base}/__HOST__.__DOMAIN__.json", f"{base}/{HOST}.json.gz"):
        node = agent(url)
        code, out, err = node.run(capsys=capsys)
        assert code == 0 and "updated" in out, err
        assert node.current() == (site_profiles / f"{HOST}.json").read_bytes()
        code, out, err = node.run(capsys=capsys)
        assert code == 0 and "not modified" in out, (out, err)


def with_gz_copy(site_profiles):
    gz = site_profiles / f"{HOST}.json.gz"
    gz.write_bytes(gzip.compress((site_profiles / f"{HOST}.json").read_bytes()))
    write_index_again(site_profiles)


def test_against_real_nginx(nginx_server, site_profiles, agent, capsys):
    with_gz_copy(site_profiles)
    fetch_twice_from(nginx_server(str(site_profiles)), site_profiles, agent, capsys)


def test_against_panc_serve(site_profiles, agent, capsys):
    with_gz_copy(site_profiles)
    server = subprocess.Popen([sys.executable, "-m", "pancompiler.serve", "--root", str(site_profiles),
                               "--port", "0", "--quiet"], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert line.startswith("panc-serve: serving "), line
        fetch_twice_from(line.rsplit(" at ", 1)[1].strip().rstrip("/"), site_profiles, agent, capsys)
    finally:
        server.terminate()
        server.wait(timeout=10)


def write_index_again(folder):
    from pancompiler.driver.index import write_index
    write_index(str(folder))


def test_ccm_syntax_details(tmp_path):
    conf = tmp_path / "ccm.conf"
    conf.write_text("# comment\n  profile\thttp://s/profiles/$host.$domain.xml  \nbase_url http://s/b\n"
                    "world_readable 1\n")
    settings = read_config(str(conf))
    assert settings.world_readable is True and not settings.warnings
    assert settings.profile_urls("hv01.example.org") == ["http://s/profiles/hv01.example.org.xml"]
    relative = read_config(str(conf)).__class__(profile="hv01", base_url="http://s/b")
    assert relative.profile_urls("hv01.example.org") == ["http://s/b/profile_hv01.xml"]


def test_query_reads_a_cache_written_by_ccm(tmp_path, capsys):
    from pancompiler.node import query
    cache = tmp_path / "ccm"
    (cache / "profile.7").mkdir(parents=True)
    (cache / "current.cid").write_text("7\n")
    (cache / "profile.7" / "profile.url").write_text("http://s/hv01.example.org.xml\n")
    (cache / "profile.7" / "profile").write_text(
        "<?xml version='1.0'?><nlist format='pan' name='profile'><nlist name='a'><double name='d'>1.5</double>"
        "<list name='l'><string>x</string><long>2</long></list></nlist></nlist>")
    assert query.main(["--cache-root", str(cache), "--format", "pan", "/a"]) == 0
    assert capsys.readouterr().out.splitlines() == ['"/a/d" = 1.5; # double', '"/a/l/0" = "x"; # string',
                                                    '"/a/l/1" = 2; # long']
