"""Shared helpers of the plain pytest suite (no Odoo, no database)."""

import importlib.util
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_runner

ADDONS = odoo_runner.ADDONS  # the one list of the addons: the runner's
REPO = Path(__file__).resolve().parent.parent
ADDONS_DIR = REPO / "addons"


def load_tool(addon, module):
    """Import ``addons/<addon>/tools/<module>.py`` without importing Odoo.

    The addon's ``tools`` folder is loaded as a package of its own, so that its
    modules import each other relatively as they do inside Odoo.
    """
    package = f"_pure_{addon}_tools"
    if package not in sys.modules:
        folder = ADDONS_DIR / addon / "tools"
        spec = importlib.util.spec_from_file_location(
            package, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )
        mod = importlib.util.module_from_spec(spec)
        sys.modules[package] = mod
        spec.loader.exec_module(mod)
    return importlib.import_module(f"{package}.{module}")


@pytest.fixture(scope="session")
def repo():
    return REPO
