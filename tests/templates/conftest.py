"""Fixtures of the template tests: ``site`` compiles the whole example site once per session."""

from __future__ import annotations

import pytest

from pansite import Compiled, compile_pan, site_include_path, site_profiles


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Compiled:
    compiled = compile_pan(site_include_path(), site_profiles(), tmp_path_factory.mktemp("site"))
    assert compiled.status == 0, compiled.output
    return compiled
