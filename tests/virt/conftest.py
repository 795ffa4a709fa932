"""Fixtures of the virtualisation tests: the synthetic site of ``virt_site.py``."""

from __future__ import annotations

import pytest
from virt_site import make_site


@pytest.fixture
def site() -> tuple[dict[str, dict], dict[str, str]]:
    return make_site()
