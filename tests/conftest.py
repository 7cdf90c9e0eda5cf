"""Shared helpers of the plain pytest suite (no Odoo, no database)."""

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ADDONS_DIR = REPO / "addons"
ADDONS = ("migrant_integration", "workshops", "rural_itineraries")

sys.path.insert(0, str(Path(__file__).resolve().parent))


def load_tool(addon, module):
    """Import ``addons/<addon>/tools/<module>.py`` alone, without importing Odoo."""
    name = f"_pure_{addon}_{module}"
    if name in sys.modules:
        return sys.modules[name]
    path = ADDONS_DIR / addon / "tools" / f"{module}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def repo():
    return REPO
