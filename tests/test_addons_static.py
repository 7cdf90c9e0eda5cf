"""Static checks of the addons: manifests, data files, XML, access rules, groups."""

import ast
import csv
import re

import polib
import pytest
from conftest import ADDONS, ADDONS_DIR, REPO
from lxml import etree

MANIFEST_VERSION = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
LICENSES = {"AGPL-3", "LGPL-3", "GPL-3", "OPL-1"}


def manifest(addon):
    return ast.literal_eval((ADDONS_DIR / addon / "__manifest__.py").read_text())


def python_models(addon):
    """(_name, has_inherit_only) of every model class declared in the addon's Python."""
    names = set()
    for path in (ADDONS_DIR / addon).rglob("*.py"):
        if "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            attrs = {
                t.id: n.value
                for n in node.body
                if isinstance(n, ast.Assign)
                for t in n.targets
                if isinstance(t, ast.Name)
            }
            name = attrs.get("_name")
            base_names = {getattr(b, "attr", getattr(b, "id", "")) for b in node.bases}
            inherit = attrs.get("_inherit")
            inherited = (
                {e.value for e in inherit.elts if isinstance(e, ast.Constant)}
                if isinstance(inherit, ast.List | ast.Tuple)
                else {inherit.value}
                if isinstance(inherit, ast.Constant)
                else set()
            )
            # a class naming a model it also inherits extends it (res.partner + a mixin)
            if isinstance(name, ast.Constant) and "Model" in base_names:
                if name.value not in inherited:
                    names.add(name.value)
    return names


def xml_files(addon):
    """The data files (views, data, reports...); the web client's OWL templates under
    static/ are <templates> and checked apart."""
    root = ADDONS_DIR / addon
    return sorted(p for p in root.rglob("*.xml") if "static" not in p.relative_to(root).parts)


@pytest.mark.parametrize("addon", ADDONS)
def test_web_client_templates_parse(addon):
    for path in sorted((ADDONS_DIR / addon / "static").rglob("*.xml")):
        assert etree.parse(str(path)).getroot().tag == "templates", path


def test_repository_layout():
    for path in ("README.md", "docker-compose.yml", ".ci/run", "run-tests", "requirements.txt"):
        assert (REPO / path).exists(), path
    for addon in ADDONS:
        assert (ADDONS_DIR / addon / "__manifest__.py").exists()


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest(addon):
    data = manifest(addon)
    assert MANIFEST_VERSION.match(data["version"]), data["version"]
    assert data["license"] in LICENSES
    assert data["installable"] is True
    for key in ("name", "summary", "author", "depends", "category"):
        assert data.get(key), key


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_files_exist_and_every_file_is_listed(addon):
    data = manifest(addon)
    listed = data.get("data", []) + data.get("demo", [])
    assert len(listed) == len(set(listed)), "a file is listed twice"
    for rel in listed:
        assert (ADDONS_DIR / addon / rel).is_file(), f"{addon}: {rel} is listed but missing"
    root = ADDONS_DIR / addon
    on_disk = {
        str(p.relative_to(root))
        for folder in ("data", "demo", "views", "security", "report", "wizard")
        for p in (root / folder).rglob("*")
        if p.suffix in (".xml", ".csv") and (root / folder).exists()
    }
    # Data files read by code (e.g. the INE register) live under data/<topic>/.
    on_disk = {p for p in on_disk if p.count("/") == 1}
    unlisted = on_disk - set(listed)
    assert not unlisted, f"{addon}: files not in the manifest: {sorted(unlisted)}"


@pytest.mark.parametrize("addon", ADDONS)
def test_xml_files_parse_and_use_odoo18_views(addon):
    for path in xml_files(addon):
        tree = etree.parse(str(path))
        text = path.read_text()
        assert "<tree" not in text, f"{path}: <tree> is <list> in Odoo 18"
        assert " attrs=" not in text and " states=" not in text, f"{path}: attrs/states"
        assert tree.getroot().tag == "odoo", path


@pytest.mark.parametrize("addon", ADDONS)
def test_every_model_has_access_rules(addon):
    access = ADDONS_DIR / addon / "security" / "ir.model.access.csv"
    with access.open() as handle:
        rows = list(csv.DictReader(handle))
    covered = {row["model_id:id"].split(".")[-1] for row in rows}
    for model in python_models(addon):
        xmlid = "model_" + model.replace(".", "_")
        assert xmlid in covered, f"{addon}: {model} has no line in ir.model.access.csv"
    for row in rows:
        assert row["group_id:id"], f"{row['id']}: an access line without a group opens to all"


def _group_ids():
    groups = set()
    for addon in ADDONS:
        for path in xml_files(addon):
            for record in etree.parse(str(path)).iter("record"):
                if record.get("model") == "res.groups":
                    rid = record.get("id")
                    groups.add(rid if "." in rid else f"{addon}.{rid}")
    return groups


def test_referenced_groups_exist():
    ours = _group_ids()
    expected = {
        f"migrant_integration.group_migrant_{g}"
        for g in ("volunteer", "user", "legal", "manager", "finance")
    }
    assert expected <= ours
    for addon in ADDONS:
        refs = set()
        with (ADDONS_DIR / addon / "security" / "ir.model.access.csv").open() as handle:
            refs |= {row["group_id:id"] for row in csv.DictReader(handle)}
        for path in xml_files(addon):
            refs |= set(re.findall(r"groups=\"([^\"]+)\"", path.read_text()))
            refs |= set(re.findall(r"ref\('([a-z_.]*group_[a-z_]+)'\)", path.read_text()))
        for ref in {g.strip().lstrip("!") for r in refs for g in r.split(",")}:
            full = ref if "." in ref else f"{addon}.{ref}"
            if full.split(".")[0] in ADDONS:
                assert full in ours, f"{addon}: unknown group {ref}"


@pytest.mark.parametrize("addon", ADDONS)
def test_external_dependencies_are_in_requirements(addon):
    wanted = manifest(addon).get("external_dependencies", {}).get("python", [])
    requirements = {
        re.split(r"[<>=\[; ]", line.strip())[0].lower()
        for line in (REPO / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for dist in wanted:
        assert dist.lower() in requirements, f"{dist} missing from requirements.txt"


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_ships_icon_readme_and_spanish(addon):
    root = ADDONS_DIR / addon
    assert (root / "static" / "description" / "icon.png").read_bytes()[:4] == b"\x89PNG"
    assert (root / "readme" / "DESCRIPTION.md").exists()
    assert (root / "i18n" / "es.po").exists()


PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%s|%d")


@pytest.mark.parametrize("addon", ADDONS)
def test_spanish_translation_covers_the_template(addon):
    """Every term of the addon's template has its Spanish translation, with the same
    placeholders (a missing one would break the message at run time)."""
    root = ADDONS_DIR / addon / "i18n"
    template = polib.pofile(str(root / f"{addon}.pot"))
    spanish = {e.msgid: e.msgstr for e in polib.pofile(str(root / "es.po"))}
    untranslated = [e.msgid for e in template if not spanish.get(e.msgid)]
    assert not untranslated, f"{len(untranslated)} terms without translation: {untranslated[:5]}"
    for msgid, msgstr in spanish.items():
        if msgstr:
            assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(msgstr)), msgid


def test_addon_dependencies_follow_the_design():
    assert {"contacts", "mail", "account", "phone_validation"} <= set(
        manifest("migrant_integration")["depends"]
    )
    assert set(manifest("workshops")["depends"]) == {"migrant_integration", "event"}
    assert set(manifest("rural_itineraries")["depends"]) == {"migrant_integration", "project"}


@pytest.mark.parametrize("addon", ADDONS)
def test_pure_tools_do_not_import_odoo(addon):
    for path in (ADDONS_DIR / addon / "tools").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                module = getattr(node, "module", None) or node.names[0].name
                assert not (module or "").startswith("odoo"), f"{path} imports {module}"


def test_root_menu_and_one_submenu_per_addon():
    menus = {}
    for addon in ADDONS:
        for path in xml_files(addon):
            for item in etree.parse(str(path)).iter("menuitem"):
                menus[f"{addon}.{item.get('id')}"] = item
    root = menus["migrant_integration.menu_root"]
    assert root.get("name") == "Migrant Integration"
    children = {
        k.split(".")[0]
        for k, v in menus.items()
        if v.get("parent") and (v.get("parent") in ("menu_root", "migrant_integration.menu_root"))
    }
    assert children == set(ADDONS)
