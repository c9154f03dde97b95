"""Check 1, `ooxml`: every XML part of the package validates with xmllint against the shared
OOXML/OPC schemas (../shared/ooxml-schemas/README.md, "Which schema validates which part"), plus
the OPC rules the schemas cannot express (content types cover every part, relationship targets
exist, Override part names start with '/', dcterms dates typed W3CDTF)."""
from __future__ import annotations

import os
import posixpath
import re
import zipfile
from urllib.parse import unquote

from lxml import etree

from itest_common import Abort, Report, decode, need_program
from itest_common import run as run_program

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
DCTERMS_NS = "http://purl.org/dc/terms/"

# (test on the part name, root element namespace or None, schema path under ooxml-schemas/)
SCHEMAS = [
    (lambda n: n == "[Content_Types].xml", None, "ecma/fouth-edition/opc-contentTypes.xsd"),
    (lambda n: n.endswith(".rels"), None, "ecma/fouth-edition/opc-relationships.xsd"),
    (lambda n: n == "docProps/core.xml", None, "ecma/fouth-edition/opc-coreProperties.xsd"),
    (lambda n: n == "docProps/app.xml", None,
     "ISO-IEC29500-4_2016/shared-documentPropertiesExtended.xsd"),
    (lambda n: n == "docProps/custom.xml", None,
     "ISO-IEC29500-4_2016/shared-documentPropertiesCustom.xsd"),
    (lambda n: n.startswith("word/theme/"), None, "ISO-IEC29500-4_2016/dml-main.xsd"),
    (lambda n: n.startswith("word/") and n.endswith(".xml"), None, "ISO-IEC29500-4_2016/wml.xsd"),
]


def schema_for(name: str) -> str | None:
    for test, _ns, schema in SCHEMAS:
        if test(name):
            return schema
    return None


def safe_extract(report: Report, zf: zipfile.ZipFile, dest: str) -> list[str]:
    names = zf.namelist()
    seen = set()
    for n in names:
        if n in seen:
            report.fail("ooxml.zip", f"duplicate zip entry {n}")
        seen.add(n)
        if n.startswith("/") or ".." in n.split("/") or "\\" in n:
            raise Abort(f"unsafe zip entry name {n!r}")
    bad = zf.testzip()
    if bad is not None:
        report.fail("ooxml.zip", f"CRC error in zip entry {bad}")
    zf.extractall(dest)
    return [n for n in names if not n.endswith("/")]


def validate(report: Report, xmllint: str, schemas_dir: str, unzipped: str,
             parts: list[str]) -> None:
    groups: dict[str, list[str]] = {}
    for name in parts:
        if not (name.endswith(".xml") or name.endswith(".rels")):
            continue
        schema = schema_for(name)
        if schema is None:
            report.fail("ooxml.schema", f"{name}: no schema known for this XML part "
                        "(add it to SCHEMAS in tests/tools/check_ooxml.py if it is legitimate)")
            continue
        groups.setdefault(schema, []).append(name)
    env = dict(os.environ, XML_CATALOG_FILES=os.path.join(schemas_dir, "catalog.xml"))
    for schema, names in sorted(groups.items()):
        files = [os.path.join(unzipped, n) for n in names]
        cmd = [xmllint, "--nonet", "--noout", "--schema", os.path.join(schemas_dir, schema)] + files
        proc = run_program(cmd, timeout=60, env=env)
        out = decode(proc.stderr) + decode(proc.stdout)
        lines = [ln for ln in out.splitlines()
                 if ln.strip() and "Skipping import" not in ln and not ln.endswith(" validates")]
        if proc.returncode == 5:
            report.fail("ooxml.schema", f"schema {schema} failed to compile:\n  " +
                        "\n  ".join(lines[:20]))
            continue
        for n in names:
            report.note(f"{n}: {'validates' if f'{os.path.join(unzipped, n)} validates' in out else 'FAILS'}"
                        f" against {schema}")
        if proc.returncode != 0 or lines:
            shown = [ln.replace(unzipped + os.sep, "") for ln in lines]
            report.fail("ooxml.schema",
                        f"xmllint against {schema} (exit {proc.returncode}):\n  " +
                        "\n  ".join(shown[:40]) +
                        (f"\n  … {len(shown) - 40} more lines" if len(shown) > 40 else ""))


def check_opc(report: Report, unzipped: str, parts: list[str]) -> None:
    """OPC rules outside the schemas (ECMA-376 Part 2)."""
    ct_path = os.path.join(unzipped, "[Content_Types].xml")
    for required in ("[Content_Types].xml", "_rels/.rels", "word/document.xml"):
        if required not in parts:
            report.fail("ooxml.opc", f"missing part {required}")
    if not os.path.exists(ct_path):
        return
    ct = etree.parse(ct_path).getroot()
    defaults = {d.get("Extension", "").lower(): d.get("ContentType")
                for d in ct.findall(f"{{{CT_NS}}}Default")}
    overrides = {}
    for o in ct.findall(f"{{{CT_NS}}}Override"):
        pn = o.get("PartName", "")
        if not pn.startswith("/"):
            report.fail("ooxml.opc", f"[Content_Types].xml: Override PartName {pn!r} does not "
                        "start with '/'")
        overrides[pn.lstrip("/").lower()] = o.get("ContentType")
    for name in parts:
        if name == "[Content_Types].xml":
            continue
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if name.lower() not in overrides and ext not in defaults:
            report.fail("ooxml.opc", f"{name}: no content type (no Override, no Default for .{ext})")
    for pn in overrides:
        if pn not in {p.lower() for p in parts}:
            report.fail("ooxml.opc", f"[Content_Types].xml overrides /{pn}, which is not in the "
                        "package")
    main_ct = overrides.get("word/document.xml")
    if main_ct and "wordprocessingml.document.main" not in main_ct:
        report.fail("ooxml.opc", f"word/document.xml has content type {main_ct}")
    # relationship targets
    for name in parts:
        if not name.endswith(".rels"):
            continue
        rels = etree.parse(os.path.join(unzipped, name)).getroot()
        source_dir = posixpath.dirname(posixpath.dirname(name))  # word/_rels/x.rels → word
        ids = set()
        for rel in rels.findall(f"{{{REL_NS}}}Relationship"):
            rid = rel.get("Id")
            if rid in ids:
                report.fail("ooxml.opc", f"{name}: duplicate relationship Id {rid}")
            ids.add(rid)
            if rel.get("TargetMode") == "External":
                continue
            target = unquote(rel.get("Target", ""))
            resolved = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(source_dir, target))
            if resolved not in parts:
                report.fail("ooxml.opc", f"{name}: relationship {rid} ({rel.get('Type', '')}) "
                            f"targets {target!r} → {resolved}, which is not in the package")
    # dcterms:created / modified need xsi:type="dcterms:W3CDTF" (OPC prose, not the schema)
    core = os.path.join(unzipped, "docProps", "core.xml")
    if os.path.exists(core):
        root = etree.parse(core).getroot()
        for tag in ("created", "modified"):
            el = root.find(f"{{{DCTERMS_NS}}}{tag}")
            if el is None:
                continue
            xsi_type = el.get(f"{{{XSI_NS}}}type", "")
            if not re.fullmatch(r"[\w-]+:W3CDTF", xsi_type) or \
                    el.nsmap.get(xsi_type.split(":")[0]) != DCTERMS_NS:
                report.fail("ooxml.opc", f"docProps/core.xml: dcterms:{tag} lacks "
                            f"xsi:type=\"dcterms:W3CDTF\" (has {xsi_type!r})")


def check_deterministic(report: Report, first: str, second: str) -> None:
    """Two renders of the same input must be byte-identical (no clock, no random ids)."""
    with open(first, "rb") as a, open(second, "rb") as b:
        if a.read() == b.read():
            report.note("deterministic: a second render is byte-identical")
            return
    with zipfile.ZipFile(first) as za, zipfile.ZipFile(second) as zb:
        names_a, names_b = za.namelist(), zb.namelist()
        differ = [n for n in names_a if n in names_b and za.read(n) != zb.read(n)]
        meta = [n for n in names_a if n in names_b and
                za.getinfo(n).date_time != zb.getinfo(n).date_time]
    report.fail("ooxml.deterministic", "two renders of the same input differ: "
                f"entries {names_a} vs {names_b}" if names_a != names_b else
                f"two renders of the same input differ in {differ or 'zip metadata'}"
                + (f"; timestamps differ in {meta}" if meta else ""))


def run_check(report: Report, docx_path: str, shared: str, work: str) -> None:
    xmllint = need_program("xmllint")
    schemas_dir = os.path.join(shared, "ooxml-schemas")
    if not os.path.isfile(os.path.join(schemas_dir, "catalog.xml")):
        raise Abort(f"OOXML schemas not found in {schemas_dir}")
    unzipped = os.path.join(work, "unzipped")
    os.makedirs(unzipped, exist_ok=True)
    try:
        with zipfile.ZipFile(docx_path) as zf:
            parts = safe_extract(report, zf, unzipped)
    except zipfile.BadZipFile as e:
        raise Abort(f"{docx_path} is not a zip file: {e}") from e
    xml_parts = [p for p in parts if p.endswith(".xml") or p.endswith(".rels")]
    report.note(f"{len(parts)} parts, {len(xml_parts)} XML: {', '.join(sorted(xml_parts))}")
    if not xml_parts:
        report.fail("ooxml", "the package holds no XML part")
    validate(report, xmllint, schemas_dir, unzipped, parts)
    check_opc(report, unzipped, parts)


run = run_check
