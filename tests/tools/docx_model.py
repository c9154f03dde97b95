"""A rendered DOCX as the checks see it, read with python-docx (the real client) plus lxml.

* every paragraph in document order — body, table cells, nested tables, content controls —
  with its role (the w:pStyle id, which is the compose Role enum name), its section and where
  it sits;
* effective paragraph and run properties, resolved the way Word resolves them: document
  defaults → table style → paragraph style chain → run (character) style chain → direct
  formatting. Toggle properties (b, i, caps…) XOR across the style levels and are absolute in
  direct formatting (ECMA-376 Part 1, 17.7.3);
* sections with their page setup and header parts.
Lengths are twips (1/20 pt) unless named otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import docx  # python-docx 0.8.11 (Debian python3-docx)
from docx.table import _Cell, Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from matching import Para
from source_units import norm

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
V_NS = "urn:schemas-microsoft-com:vml"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def wattr(el, name: str):
    return None if el is None else el.get(w(name))


TWIPS_PER_PT = 20
TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_CM = 1440 / 2.54
EMU_PER_TWIP = 635

TOGGLES = {"b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
           "emboss", "imprint", "vanish"}


def on_off(el) -> bool:
    val = wattr(el, "val")
    return val is None or val.lower() in ("1", "true", "on")


def _int(v):
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return None


# ----- flattening pPr / rPr into {key: value} so layers can be merged -----

def flatten_ppr(ppr) -> dict:
    out = {}
    if ppr is None:
        return out
    for child in ppr:
        if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{W_NS}}}"):
            continue
        name = child.tag.split("}")[1]
        if name in ("rPr", "sectPr", "pPrChange", "pStyle", "numPr"):
            continue
        if name == "ind":
            for attr, value in child.attrib.items():
                a = attr.split("}")[1]
                a = {"start": "left", "end": "right", "startChars": "leftChars",
                     "endChars": "rightChars"}.get(a, a)
                out[f"ind.{a}"] = _int(value)
        elif name == "spacing":
            for attr, value in child.attrib.items():
                a = attr.split("}")[1]
                out[f"spacing.{a}"] = value if a == "lineRule" else _int(value)
        elif name == "pBdr":
            for side in child:
                if isinstance(side.tag, str):
                    s = side.tag.split("}")[1]
                    out[f"pBdr.{s}"] = {k.split("}")[1]: v for k, v in side.attrib.items()}
        elif name == "jc":
            out["jc"] = wattr(child, "val")
        elif name == "framePr":
            out["framePr"] = {k.split("}")[1]: v for k, v in child.attrib.items()}
        elif name in ("keepNext", "keepLines", "pageBreakBefore", "widowControl",
                      "contextualSpacing", "suppressAutoHyphens"):
            out[name] = on_off(child)
        else:
            out[name] = {k.split("}")[1]: v for k, v in child.attrib.items()}
    return out


def flatten_rpr(rpr) -> dict:
    out = {}
    if rpr is None:
        return out
    for child in rpr:
        if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{W_NS}}}"):
            continue
        name = child.tag.split("}")[1]
        if name in ("rStyle", "rPrChange"):
            continue
        if name == "rFonts":
            for attr, value in child.attrib.items():
                out[f"rFonts.{attr.split('}')[1]}"] = value
        elif name in TOGGLES:
            out[name] = on_off(child)
        elif name in ("sz", "szCs", "kern", "spacing", "position", "w"):
            out[name] = _int(wattr(child, "val"))
        elif name in ("color", "lang", "u", "highlight", "shd", "vertAlign", "effect"):
            for attr, value in child.attrib.items():
                a = attr.split("}")[1]
                out[name if a == "val" else f"{name}.{a}"] = value
        else:
            out[name] = {k.split("}")[1]: v for k, v in child.attrib.items()} or True
    return out


def merge(base: dict, layer: dict) -> dict:
    out = dict(base)
    if "ind.hanging" in layer:
        out.pop("ind.firstLine", None)
    if "ind.firstLine" in layer:
        out.pop("ind.hanging", None)
    out.update(layer)
    return out


class StyleSheet:
    def __init__(self, document):
        styles_el = document.styles.element
        self.by_id = {}
        self.defaults = {}
        for st in styles_el.findall(w("style")):
            sid = wattr(st, "styleId")
            self.by_id[sid] = st
            if wattr(st, "default") in ("1", "true", "on"):
                self.defaults[wattr(st, "type")] = sid
        dd = styles_el.find(w("docDefaults"))
        self.default_ppr = {}
        self.default_rpr = {}
        if dd is not None:
            self.default_ppr = flatten_ppr(dd.find(f"{w('pPrDefault')}/{w('pPr')}"))
            self.default_rpr = flatten_rpr(dd.find(f"{w('rPrDefault')}/{w('rPr')}"))
        self._cache = {}

    def exists(self, sid: str) -> bool:
        return sid in self.by_id

    def name(self, sid: str):
        st = self.by_id.get(sid)
        el = st.find(w("name")) if st is not None else None
        return wattr(el, "val")

    def type_of(self, sid: str):
        st = self.by_id.get(sid)
        return wattr(st, "type") if st is not None else None

    def chain(self, sid: str | None) -> list:
        """Style elements from the root of the basedOn chain to sid itself."""
        out, seen = [], set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            st = self.by_id[sid]
            out.append(st)
            sid = wattr(st.find(w("basedOn")), "val")
        return list(reversed(out))

    def style_ppr(self, sid) -> dict:
        key = ("p", sid)
        if key not in self._cache:
            d = {}
            for st in self.chain(sid):
                d = merge(d, flatten_ppr(st.find(w("pPr"))))
            self._cache[key] = d
        return self._cache[key]

    def style_rpr(self, sid) -> dict:
        key = ("r", sid)
        if key not in self._cache:
            d = {}
            for st in self.chain(sid):
                d = merge(d, flatten_rpr(st.find(w("rPr"))))
            self._cache[key] = d
        return self._cache[key]

    def effective_ppr(self, p_el, table_style: str | None) -> dict:
        ppr = p_el.find(w("pPr"))
        sid = wattr(ppr.find(w("pStyle")), "val") if ppr is not None else None
        sid = sid or self.defaults.get("paragraph")
        d = dict(self.default_ppr)
        if table_style:
            d = merge(d, self.style_ppr(table_style))
        d = merge(d, self.style_ppr(sid))
        return merge(d, flatten_ppr(ppr))

    def effective_rpr(self, p_el, r_el, table_style: str | None) -> dict:
        ppr = p_el.find(w("pPr"))
        psid = wattr(ppr.find(w("pStyle")), "val") if ppr is not None else None
        psid = psid or self.defaults.get("paragraph")
        rpr = r_el.find(w("rPr")) if r_el is not None else None
        rsid = wattr(rpr.find(w("rStyle")), "val") if rpr is not None else None
        layers = []
        if table_style:
            layers.append(self.style_rpr(table_style))
        layers.append(self.style_rpr(psid))
        if rsid:
            layers.append(self.style_rpr(rsid))
        d = dict(self.default_rpr)
        for layer in layers:
            for k, v in layer.items():
                if k in TOGGLES:
                    if v:  # a toggle set true flips the state; false leaves it unchanged
                        d[k] = not d.get(k, False)
                else:
                    d = merge(d, {k: v})
        return merge(d, flatten_rpr(rpr))


# ----- paragraphs in document order -----

@dataclass
class DocxPara(Para):
    element: object = None
    paragraph: Paragraph = None
    section: int = 0
    table_style: str | None = None
    cell: object = None          # the w:tc holding it, or None in the body
    table: object = None         # the innermost w:tbl, or None

    def runs(self) -> list:
        """(w:r element, text) for every run with text, hyperlinks and fields included."""
        out = []
        for r in self.element.iter(w("r")):
            if any(a.tag == w("del") for a in r.iterancestors()):
                continue
            text = Run(r, self.paragraph).text
            out.append((r, text))
        return out


def paragraph_text(p_el, paragraph) -> str:
    parts = []
    for r in p_el.iter(w("r")):
        if any(a.tag == w("del") for a in r.iterancestors()):
            continue
        parts.append(Run(r, paragraph).text)
    return "".join(parts)


@dataclass
class SectionInfo:
    index: int
    sect_pr: object
    section: object              # python-docx Section
    paragraphs: list = field(default_factory=list)


class DocxModel:
    def __init__(self, path: str):
        self.path = path
        self.document = docx.Document(path)
        self.styles = StyleSheet(self.document)
        self.paras: list[DocxPara] = []
        self.tables = 0
        self._section = 0
        self._walk_blocks(self.document.element.body, self.document, "body", None, None, None)
        self.sections = [SectionInfo(i, s._sectPr, s) for i, s in
                         enumerate(self.document.sections)]
        for p in self.paras:
            if p.section < len(self.sections):
                self.sections[p.section].paragraphs.append(p)

    def _walk_blocks(self, parent_el, parent_obj, where, table_style, cell, table):
        count = 0
        for child in parent_el:
            if child.tag == w("p"):
                count += 1
                para = Paragraph(child, parent_obj)
                ppr = child.find(w("pPr"))
                role = wattr(ppr.find(w("pStyle")), "val") if ppr is not None else None
                text = paragraph_text(child, para)
                self.paras.append(DocxPara(
                    index=len(self.paras) + 1, role=role, text=norm(text),
                    where=f"{where} ¶{count}", container=parent_el, element=child,
                    paragraph=para, section=self._section, table_style=table_style,
                    cell=cell, table=table))
                if ppr is not None and ppr.find(w("sectPr")) is not None:
                    self._section += 1
            elif child.tag == w("tbl"):
                self.tables += 1
                tbl = Table(child, parent_obj)
                tbl_pr = child.find(w("tblPr"))
                style = wattr(tbl_pr.find(w("tblStyle")), "val") if tbl_pr is not None else None
                style = style or self.styles.defaults.get("table")
                name = f"{where} > table {self.tables}" if where != "body" else \
                    f"table {self.tables}"
                for ri, tr in enumerate(child.findall(w("tr")), 1):
                    for ci, tc in enumerate(tr.findall(w("tc")), 1):
                        self._walk_blocks(tc, _Cell(tc, tbl), f"{name} row {ri} cell {ci}",
                                          style, tc, child)
            elif child.tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._walk_blocks(content, parent_obj, where, table_style, cell, table)

    # ----- geometry -----
    def text_width(self, section: int) -> int:
        sect_pr = self.sections[min(section, len(self.sections) - 1)].sect_pr
        pg_sz, pg_mar = sect_pr.find(w("pgSz")), sect_pr.find(w("pgMar"))
        return (_int(wattr(pg_sz, "w")) or 0) - (_int(wattr(pg_mar, "left")) or 0) - \
            (_int(wattr(pg_mar, "right")) or 0) - (_int(wattr(pg_mar, "gutter")) or 0)

    def cell_width(self, tc) -> int | None:
        """Width of a table cell's text column: tcW (dxa) or the grid columns it spans, less the
        cell margins (tcMar, else the table's tblCellMar, else Word's default 108 twips)."""
        tc_pr = tc.find(w("tcPr"))
        width = None
        if tc_pr is not None:
            tcw = tc_pr.find(w("tcW"))
            if tcw is not None and wattr(tcw, "type") in (None, "dxa"):
                width = _int(wattr(tcw, "w"))
        tbl = tc.getparent().getparent()
        if not width:
            grid = [_int(wattr(g, "w")) or 0 for g in tbl.find(w("tblGrid")).findall(w("gridCol"))]
            col = 0
            for sib in tc.getparent().findall(w("tc")):
                span_el = sib.find(f"{w('tcPr')}/{w('gridSpan')}")
                span = _int(wattr(span_el, "val")) or 1
                if sib is tc:
                    width = sum(grid[col:col + span])
                    break
                col += span
        margins = {"left": 108, "right": 108}
        tbl_mar = tbl.find(f"{w('tblPr')}/{w('tblCellMar')}")
        for source in (tbl_mar, tc_pr.find(w("tcMar")) if tc_pr is not None else None):
            if source is None:
                continue
            for side in source:
                name = {"start": "left", "end": "right"}.get(side.tag.split("}")[1],
                                                            side.tag.split("}")[1])
                if name in margins and wattr(side, "type") in (None, "dxa"):
                    margins[name] = _int(wattr(side, "w")) or 0
        return None if width is None else width - margins["left"] - margins["right"]

    def column_width(self, para: DocxPara) -> int:
        if para.cell is not None:
            cw = self.cell_width(para.cell)
            if cw:
                return cw
        return self.text_width(para.section)

    def ppr(self, para: DocxPara) -> dict:
        return self.styles.effective_ppr(para.element, para.table_style)

    def rpr(self, para: DocxPara, r_el) -> dict:
        return self.styles.effective_rpr(para.element, r_el, para.table_style)

    def by_role(self, role: str, with_empty: bool = False) -> list[DocxPara]:
        """Paragraphs of a role; empty ones (the rule paragraphs under Tiêu ngữ, issuer and
        subject carry their owner's style) only if asked for."""
        return [p for p in self.paras if p.role == role and (with_empty or p.text)]

    def roles_present(self) -> set:
        return {p.role for p in self.paras if p.role}
