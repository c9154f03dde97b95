"""Check 3, `format`: the DOCX read back against Decree 30/2020 (shared/reference/
decree-30-2020.md §1, §2 and the testable rules of §10). One function per rule, named after
its rule number; each checks only the roles present in the document, and `roles_present`
fails when a role the source calls for is missing (so no rule passes by having nothing to see).

Lengths: twips (1/20 pt). Sizes: pt. Effective formatting as docx_model.StyleSheet resolves it.
"""
from __future__ import annotations

import re
import unicodedata

import source_units
import ttf_metrics
from docx_model import (A_NS, EMU_PER_TWIP, TWIPS_PER_CM, TWIPS_PER_MM, TWIPS_PER_PT, V_NS, WP_NS,
                        DocxModel, DocxPara, _int, w, wattr)
from itest_common import Abort, Report

TNR = "Times New Roman"
FONT_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")
THEME_SLOTS = ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme")
QUOC_HIEU = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"}
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
AUTHORITY_PREFIXES = {"TM.", "Q.", "KT.", "TL.", "TUQ."}
URGENCY = {"HỎA TỐC": 30, "THƯỢNG KHẨN": 40, "KHẨN": 20}  # box width in mm (§2, ô 10b)
URGENCY_KEY = {"hoa-toc": "HỎA TỐC", "thuong-khan": "THƯỢNG KHẨN", "khan": "KHẨN"}
SECRECY = {"mat": "MẬT", "toi-mat": "TỐI MẬT", "tuyet-mat": "TUYỆT MẬT"}
CIRCULATION = {"xem-xong-tra-lai": "XEM XONG TRẢ LẠI", "luu-hanh-noi-bo": "LƯU HÀNH NỘI BỘ"}
FIRST_LINE_INDENTS = (567, 720)   # 1.0 cm, 1.27 cm
INDENT_TOLERANCE = 11             # ±0.02 cm
SINGLE_LINE_FACTOR = 1.149        # Times New Roman's single line height / size (ascent+descent)


# ----- small helpers -----

def align_of(ppr: dict) -> str:
    return {None: "left", "start": "left", "left": "left", "both": "justify",
            "distribute": "justify", "center": "center", "right": "right",
            "end": "right"}.get(ppr.get("jc"), ppr.get("jc"))


def has_letters_all_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c == c.upper() for c in letters)


def short(text: str, n: int = 50) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def text_runs(model: DocxModel, para: DocxPara):
    """(text, effective rPr) of every run with visible text."""
    out = []
    for r, text in para.runs():
        if text.strip():
            out.append((text, model.rpr(para, r)))
    return out


def size_pt(rpr: dict):
    sz = rpr.get("sz")
    return None if sz is None else sz / 2


def fmt_range(lo, hi) -> str:
    return f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}"


def check_runs(report: Report, rule: str, model: DocxModel, para: DocxPara, *,
               size=None, bold=None, italic=None, runs=None) -> None:
    """Size range, bold and italic of every text run; one message per paragraph and property."""
    runs = text_runs(model, para) if runs is None else runs
    if not runs:
        return
    problems = {}
    for text, rpr in runs:
        s = size_pt(rpr)
        if size is not None and (s is None or not size[0] <= s <= size[1]):
            problems.setdefault("size", f"run «{short(text, 30)}» is "
                                f"{'unsized (w:sz missing)' if s is None else f'{s:g} pt'}, "
                                f"expected {fmt_range(*size)} pt")
        if bold is not None and bool(rpr.get("b")) != bold:
            problems.setdefault("bold", f"run «{short(text, 30)}» is "
                                f"{'bold' if rpr.get('b') else 'not bold'}, expected "
                                f"{'bold' if bold else 'not bold'}")
        if italic is not None and bool(rpr.get("i")) != italic:
            problems.setdefault("italic", f"run «{short(text, 30)}» is "
                                f"{'italic' if rpr.get('i') else 'upright'}, expected "
                                f"{'italic' if italic else 'upright'}")
    for msg in problems.values():
        report.fail(rule, f"{para.describe()}: {msg}")


def check_align(report, rule, model, para, allowed: set) -> None:
    a = align_of(model.ppr(para))
    if a not in allowed:
        report.fail(rule, f"{para.describe()}: alignment {a}, expected {' or '.join(sorted(allowed))}")


def check_upper(report, rule, model, para) -> None:
    caps = all(rpr.get("caps") for _t, rpr in text_runs(model, para))
    if not (has_letters_all_upper(para.text) or caps):
        report.fail(rule, f"{para.describe()}: not UPPER case")


def char_widths(model: DocxModel, para: DocxPara) -> list[tuple[str, float]]:
    """(character, advance width in pt) for the paragraph's text, run formatting applied."""
    chars = []
    for r, text in para.runs():
        rpr = model.rpr(para, r)
        size, bold, italic = size_pt(rpr) or 12, bool(rpr.get("b")), bool(rpr.get("i"))
        chars += [(ch, ttf_metrics.text_width_pt(ch, size, bold, italic)) for ch in text]
    return chars


def line_width_pt(model: DocxModel, para: DocxPara) -> tuple[float, float]:
    """(estimated width of the paragraph's longest line, available width), in pt.

    Approximation: each character is measured with Liberation Serif metrics (= Times New
    Roman) at its run's effective size and weight; lines break at w:br and, when wider than
    the column between the paragraph's indents, greedily at spaces (as Word and LibreOffice
    do); a word wider than the column is not split."""
    ppr = model.ppr(para)
    avail = (model.column_width(para) - (ppr.get("ind.left") or 0) -
             (ppr.get("ind.right") or 0)) / TWIPS_PER_PT
    chars = char_widths(model, para)
    longest, hard_lines, current = 0.0, [], []
    for ch in chars:
        if ch[0] == "\n":
            hard_lines.append(current)
            current = []
        else:
            current.append(ch)
    hard_lines.append(current)
    for line in hard_lines:
        words, word = [], []  # (word width, width of the space before it)
        space = 0.0
        for ch, width in line:
            if ch == " ":
                if word:
                    words.append((sum(word), space))
                    word, space = [], 0.0
                space += width
            else:
                word.append(width)
        if word:
            words.append((sum(word), space))
        width = 0.0
        for i, (ww, sp) in enumerate(words):
            if i and width + sp + ww > avail + 0.01:
                longest = max(longest, width)
                width = ww
            else:
                width += (sp if i else 0) + ww
        longest = max(longest, width)
    return longest, avail


# ----- finding the rule under a paragraph -----

class RuleLine:
    def __init__(self, length_twips, method, centred, detail=""):
        self.length = length_twips
        self.method = method
        self.centred = centred
        self.detail = detail

    def __str__(self):
        return (f"{self.method}, {self.length / TWIPS_PER_MM:.1f} mm"
                + (f" ({self.detail})" if self.detail else ""))


def _border_on(b: dict | None) -> bool:
    return bool(b) and b.get("val") not in (None, "none", "nil")


def _paragraph_border_rule(model, para, side) -> RuleLine | None:
    ppr = model.ppr(para)
    if not _border_on(ppr.get(f"pBdr.{side}")):
        return None
    left, right = ppr.get("ind.left") or 0, ppr.get("ind.right") or 0
    length = model.column_width(para) - left - right
    return RuleLine(length, f"{side} border of {para.describe()}", abs(left - right) <= 30,
                    f"indents {left}/{right}")


def _drawing_rule(model, para) -> RuleLine | None:
    el = para.element
    for ext_holder in list(el.iter(f"{{{WP_NS}}}inline")) + list(el.iter(f"{{{WP_NS}}}anchor")):
        geoms = [g.get("prst") for g in ext_holder.iter(f"{{{A_NS}}}prstGeom")]
        extent = ext_holder.find(f"{{{WP_NS}}}extent")
        if extent is None or not any(g in ("line", "straightConnector1", "rect") for g in geoms):
            continue
        cx, cy = _int(extent.get("cx")) or 0, _int(extent.get("cy")) or 0
        if geoms and geoms[0] == "rect" and cy > 3 * 12700:  # a box, not a thin rule
            continue
        length = cx / EMU_PER_TWIP
        if ext_holder.tag.endswith("inline"):
            centred = align_of(model.ppr(para)) == "center"
        else:
            pos = ext_holder.find(f"{{{WP_NS}}}positionH")
            align = pos.find(f"{{{WP_NS}}}align") if pos is not None else None
            if align is not None:
                centred = align.text == "center"
            else:
                off = pos.find(f"{{{WP_NS}}}posOffset") if pos is not None else None
                col = model.column_width(para)
                centred = off is not None and pos.get("relativeFrom") in ("column", "margin") \
                    and abs((_int(off.text) / EMU_PER_TWIP + length / 2) - col / 2) <= 60
        return RuleLine(length, f"drawing in {para.describe()}", centred)
    for line in el.iter(f"{{{V_NS}}}line"):
        def pt(v):
            m = re.match(r"(-?[\d.]+)(pt)?", (v or "0").split(",")[0])
            return float(m.group(1)) if m else 0.0
        length = abs(pt(line.get("to")) - pt(line.get("from"))) * TWIPS_PER_PT
        return RuleLine(length, f"VML line in {para.describe()}", None, "centring not measured")
    return None


def find_rule_below(model: DocxModel, para: DocxPara) -> RuleLine | None:
    """The solid rule under para: its bottom border, a line drawing in it, or an empty
    paragraph right after it (same cell) carrying a top/bottom border or a line drawing."""
    found = _paragraph_border_rule(model, para, "bottom") or _drawing_rule(model, para)
    if found:
        return found
    siblings = [p for p in model.paras if p.container is para.container]
    after = siblings[siblings.index(para) + 1:]
    for nxt in after[:2]:
        if nxt.text:
            break
        found = (_paragraph_border_rule(model, nxt, "top") or
                 _paragraph_border_rule(model, nxt, "bottom") or _drawing_rule(model, nxt))
        if found:
            return found
    return None


# ----- §10 rules -----

def rule1_page(report: Report, model: DocxModel, source) -> None:
    for s in model.sections:
        sp = s.sect_pr
        pg_sz, pg_mar = sp.find(w("pgSz")), sp.find(w("pgMar"))
        name = f"section {s.index + 1}"
        if pg_sz is None or pg_mar is None:
            report.fail("rule1_page", f"{name}: no w:pgSz or w:pgMar")
            continue
        width, height = _int(wattr(pg_sz, "w")), _int(wattr(pg_sz, "h"))
        # Landscape only where the source turns the page (an appendix with wide tables, §1).
        wanted = source.landscape[s.index] if s.index < len(source.landscape) else False
        ew, eh, what = (16838, 11906, "landscape") if wanted else (11906, 16838, "portrait")
        if width is None or height is None or abs(width - ew) > 1 or abs(height - eh) > 1:
            report.fail("rule1_page", f"{name}: page {width}×{height} twips, expected A4 {what} "
                        f"{ew}×{eh}")
        if (wattr(pg_sz, "orient") == "landscape") != wanted:
            report.fail("rule1_page", f"{name}: orientation {wattr(pg_sz, 'orient') or 'portrait'}, "
                        f"expected {what}")
        for side, lo, hi in (("top", 20, 25), ("bottom", 20, 25), ("left", 30, 35),
                             ("right", 15, 20)):
            v = _int(wattr(pg_mar, side))
            v = abs(v) if v is not None else None
            if v is None or not lo * TWIPS_PER_MM - 1 <= v <= hi * TWIPS_PER_MM + 1:
                got = "missing" if v is None else f"{v} twips = {v / TWIPS_PER_MM:.2f} mm"
                report.fail("rule1_page", f"{name}: {side} margin {got}, expected {lo}–{hi} mm")
        gutter = _int(wattr(pg_mar, "gutter")) or 0
        if gutter:
            report.fail("rule1_page", f"{name}: gutter {gutter} twips adds to the left margin")
        top, header = abs(_int(wattr(pg_mar, "top")) or 0), _int(wattr(pg_mar, "header"))
        if header is not None and header >= top:
            report.fail("rule1_page", f"{name}: header distance {header} twips ≥ top margin "
                        f"{top}: the page number would not sit in the top margin")


def _rpr_font_problems(rpr: dict) -> list[str]:
    out = []
    for slot in FONT_SLOTS:
        v = rpr.get(f"rFonts.{slot}")
        if v != TNR:
            out.append(f"w:rFonts/@w:{slot} = {v!r}")
    for slot in THEME_SLOTS:
        if rpr.get(f"rFonts.{slot}"):
            out.append(f"w:rFonts/@w:{slot} = {rpr[f'rFonts.{slot}']!r} (theme font overrides "
                       "the named font)")
    color = rpr.get("color")
    if color not in (None, "auto", "000000") or rpr.get("color.themeColor"):
        out.append(f"colour {color!r}{' theme ' + rpr['color.themeColor'] if rpr.get('color.themeColor') else ''}")
    if rpr.get("lang") != "vi-VN":
        out.append(f"w:lang/@w:val = {rpr.get('lang')!r}, expected 'vi-VN'")
    return out


def rule2_fonts(report: Report, model: DocxModel, source, header_paras) -> None:
    """Every text run: Times New Roman in all four slots, black, vi-VN; the text is NFC.
    Paragraphs with the same problems are reported together (first 5 named, then a count)."""
    checked = 0
    by_problem: dict[str, list[str]] = {}
    for para in list(model.paras) + header_paras:
        problems = {}
        for text, rpr in text_runs(model, para):
            checked += 1
            for pr in _rpr_font_problems(rpr):
                problems.setdefault(pr, text)
        if problems:
            key = "; ".join(sorted(problems))
            by_problem.setdefault(key, []).append(para.describe())
        if not unicodedata.is_normalized("NFC", "".join(t for _r, t in para.runs())):
            report.fail("rule2_fonts", f"{para.describe()}: text is not NFC")
    for problem, paras in by_problem.items():
        more = f" … and {len(paras) - 5} more paragraphs" if len(paras) > 5 else ""
        report.fail("rule2_fonts", f"{problem}\n    in " + "\n    in ".join(paras[:5]) + more)
    if checked == 0:
        report.fail("rule2_fonts", "no run with text found")


def rule3_quoc_hieu(report, model, source) -> None:
    for p in model.by_role("QuocHieu"):
        if p.text not in QUOC_HIEU:
            report.fail("rule3_quoc_hieu", f"{p.describe()}: text must be "
                        "«CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM»")
        check_runs(report, "rule3_quoc_hieu", model, p, size=(12, 13), bold=True, italic=False)
        check_upper(report, "rule3_quoc_hieu", model, p)
        check_align(report, "rule3_quoc_hieu", model, p, {"center"})


def rule4_tieu_ngu(report, model, source) -> None:
    for p in model.by_role("TieuNgu"):
        if p.text != TIEU_NGU:
            report.fail("rule4_tieu_ngu", f"{p.describe()}: text must be «{TIEU_NGU}» "
                        "(ASCII hyphens with spaces)")
        check_runs(report, "rule4_tieu_ngu", model, p, size=(13, 14), bold=True, italic=False)
        check_align(report, "rule4_tieu_ngu", model, p, {"center"})
        text_w, _avail = line_width_pt(model, p)
        underlined = all(rpr.get("u") not in (None, "none") for _t, rpr in text_runs(model, p))
        rule = find_rule_below(model, p)
        if rule is None and underlined:
            report.note(f"rule4: Tiêu ngữ is underlined (rule = text width {text_w:.1f} pt)")
            continue
        if rule is None:
            report.fail("rule4_tieu_ngu", f"{p.describe()}: no solid rule below (no bottom "
                        "border, no line drawing, no bordered empty paragraph after it)")
            continue
        rule_pt = rule.length / TWIPS_PER_PT
        ratio = rule_pt / text_w if text_w else 0
        report.note(f"rule4: Tiêu ngữ text {text_w:.1f} pt, rule {rule_pt:.1f} pt "
                    f"({ratio:.2f}×), {rule}")
        if not 0.9 <= ratio <= 1.1:
            report.fail("rule4_tieu_ngu", f"{p.describe()}: rule below is {rule_pt:.1f} pt, the "
                        f"text line {text_w:.1f} pt ({ratio:.2f}×); expected the same length "
                        f"(±10 %) [{rule}]")
        if rule.centred is False:
            report.fail("rule4_tieu_ngu", f"{p.describe()}: rule below is not centred [{rule}]")


def rule5_rules_lengths(report, model, source) -> None:
    """Rules under the issuer and under the trích yếu: 1/3–1/2 of their text line, centred.
    The text line is the longest line of the component (all its paragraphs), estimated from font
    metrics and capped at the column width when it wraps (see line_width_pt)."""
    for role in ("Issuer", "Subject"):
        # one component per run of consecutive paragraphs of the role (the main document's
        # subject, an attachment's subject…); the empty rule paragraph may carry the role too
        groups, prev = [], None
        for p in model.paras:
            if p.role == role:
                if prev is not None and prev.role == role and prev.container is p.container:
                    groups[-1].append(p)
                else:
                    groups.append([p])
            prev = p
        for group in groups:
            group = [p for p in group if p.text]
            if not group:
                continue
            last = group[-1]
            text_w = max(line_width_pt(model, p)[0] for p in group)
            rule = find_rule_below(model, last)
            if rule is None:
                report.fail("rule5_rules_lengths", f"{last.describe()}: no solid rule below the "
                            f"{role}")
                continue
            rule_pt = rule.length / TWIPS_PER_PT
            ratio = rule_pt / text_w if text_w else 0
            report.note(f"rule5: {role} line {text_w:.1f} pt, rule {rule_pt:.1f} pt "
                        f"({ratio:.2f} of the line), {rule}")
            if not 1 / 3 - 0.02 <= ratio <= 1 / 2 + 0.02:
                report.fail("rule5_rules_lengths", f"{last.describe()}: rule under the {role} is "
                            f"{rule_pt:.1f} pt = {ratio:.2f} of its text line ({text_w:.1f} pt); "
                            f"expected 1/3–1/2 [{rule}]")
            if rule.centred is False:
                report.fail("rule5_rules_lengths", f"{last.describe()}: rule under the {role} is "
                            f"not centred [{rule}]")


def rule6_8_number(report, model, source) -> None:
    for p in model.by_role("Number"):
        check_runs(report, "rule6_8_number", model, p, size=(13, 13), italic=False, bold=False)
        check_align(report, "rule6_8_number", model, p, {"center"})
        m = re.fullmatch(r"Số:\s*(\S*)", p.text)
        if not m:
            report.fail("rule6_8_number", f"{p.describe()}: expected «Số: <số>/<ký hiệu>» with no "
                        "space inside the code")
            continue
        code = m.group(1)
        if source.number is None:
            continue  # a draft: the number is blank
        if source.number < 10 and not code.startswith(f"0{source.number}/"):
            report.fail("rule6_8_number", f"{p.describe()}: number {source.number} must be "
                        f"written 0{source.number} (rule 6)")
        if not re.fullmatch(r"\d{2,}/(\d{4}/)?[^\s/]+-[^\s/]+", code):
            report.fail("rule6_8_number", f"{p.describe()}: «{code}» does not match "
                        "NN/TYPE-ORGAN or NN/ORGAN-UNIT (rule 8)")


def rule7_date(report, model, source) -> None:
    for p in model.by_role("PlaceDate"):
        check_runs(report, "rule7_date", model, p, size=(13, 14), italic=True)
        check_align(report, "rule7_date", model, p, {"center"})
        if source.issue_date is not None:
            expected = f"{source.place}, {source_units.format_date(source.issue_date)}"
            if p.text != expected:
                report.fail("rule7_date", f"{p.describe()}: expected «{expected}»")
        m = re.search(r"ngày (\S+) tháng (\S+) năm (\S+)$", p.text)
        if m and m.group(1).isdigit():
            day, month = m.group(1), m.group(2)
            if len(day) != 2:
                report.fail("rule7_date", f"{p.describe()}: day «{day}» must have two digits")
            if month.isdigit() and month != (f"{int(month):02d}" if int(month) <= 2
                                             else str(int(month))):
                report.fail("rule7_date", f"{p.describe()}: month «{month}»: 01 and 02 are padded, "
                            "3–12 are not")
        elif source.issue_date is not None:
            report.fail("rule7_date", f"{p.describe()}: no «ngày DD tháng M năm YYYY»")


def _field_instr(root) -> list[tuple[object, str]]:
    """(paragraph, instruction) of every field in a part: fldSimple and complex fields."""
    out = []
    for p in root.iter(w("p")):
        for fs in p.iter(w("fldSimple")):
            out.append((p, wattr(fs, "instr") or ""))
        instr = "".join(t.text or "" for t in p.iter(w("instrText")))
        if instr.strip():
            out.append((p, instr))
    return out


def _has_page_field(root) -> list:
    return [p for p, instr in _field_instr(root) if re.search(r"(?<![A-Z])PAGE(?![A-Z])", instr)]


def _resolve_header(model: DocxModel, index: int, attr: str):
    """The header part element a section uses (linked headers inherit from earlier sections)."""
    for j in range(index, -1, -1):
        hf = getattr(model.sections[j].section, attr)
        if not hf.is_linked_to_previous:
            return hf._definition.element
    return None


def header_paragraphs(model: DocxModel) -> list[DocxPara]:
    """Header paragraphs as DocxPara (for rule2 and rule13), each part once."""
    from docx.text.paragraph import Paragraph
    from docx_model import paragraph_text
    from source_units import norm
    seen, out = set(), []
    for s in model.sections:
        for attr in ("header", "first_page_header", "even_page_header"):
            root = _resolve_header(model, s.index, attr)
            if root is None or id(root) in seen:
                continue
            seen.add(id(root))
            for i, p in enumerate(root.iter(w("p")), 1):
                para = Paragraph(p, None)
                ppr = p.find(w("pPr"))
                role = wattr(ppr.find(w("pStyle")), "val") if ppr is not None else None
                out.append(DocxPara(index=0, role=role, text=norm(paragraph_text(p, para)),
                                    where=f"{attr} of section {s.index + 1} ¶{i}", container=root,
                                    element=p, paragraph=para, section=s.index))
    return out


def rule13_page_numbers(report, model, source, header_paras) -> None:
    settings = model.document.settings.element
    even_odd = settings.find(w("evenAndOddHeaders")) is not None
    if len(model.sections) < source.section_count:
        report.fail("rule13_page_numbers", f"{len(model.sections)} sections, but the source has "
                    f"{source.appendix_count} appendices and {source.attachment_count} attached "
                    f"documents: each restarts its page numbers, so needs a section of its own "
                    f"(expected ≥ {source.section_count})")
    by_element = {id(p.element): p for p in header_paras}
    for s in model.sections:
        name = f"section {s.index + 1}"
        title_pg = s.sect_pr.find(w("titlePg"))
        if title_pg is None or wattr(title_pg, "val") in ("0", "false", "off"):
            report.fail("rule13_page_numbers", f"{name}: w:titlePg not set: its first page would "
                        "show a page number")
        pg_num = s.sect_pr.find(w("pgNumType"))
        start = wattr(pg_num, "start")
        if s.index > 0 and start != "1":
            report.fail("rule13_page_numbers", f"{name}: w:pgNumType/@w:start = {start!r}, "
                        "expected '1' (each appendix/attachment restarts at 1)")
        if s.index == 0 and start not in (None, "1"):
            report.fail("rule13_page_numbers", f"{name}: numbering starts at {start}")
        fmt = wattr(pg_num, "fmt")
        if fmt not in (None, "decimal"):
            report.fail("rule13_page_numbers", f"{name}: page number format {fmt}, expected "
                        "Arabic (decimal)")
        kinds = ["header"] + (["even_page_header"] if even_odd else [])
        for attr in kinds:
            root = _resolve_header(model, s.index, attr)
            if root is None:
                report.fail("rule13_page_numbers", f"{name}: no {attr} part: pages ≥ 2 have no "
                            "page number")
                continue
            pages = _has_page_field(root)
            if not pages:
                report.fail("rule13_page_numbers", f"{name}: the {attr} has no PAGE field")
            for p_el in pages:
                para = by_element.get(id(p_el))
                if para is None:
                    continue
                check_align(report, "rule13_page_numbers", model, para, {"center"})
                runs = [(t, model.rpr(para, r)) for r, t in para.runs()
                        if t.strip() or r.find(w("fldChar")) is not None
                        or r.find(w("instrText")) is not None]
                if not runs:
                    runs = [("(PAGE)", model.rpr(para, None))]
                check_runs(report, "rule13_page_numbers", model, para, size=(13, 14),
                           italic=False, runs=runs)
        if title_pg is not None:
            first = _resolve_header(model, s.index, "first_page_header")
            if first is not None and _has_page_field(first):
                report.fail("rule13_page_numbers", f"{name}: the first-page header has a PAGE "
                            "field: page 1 must not show a number")


def rule14_body(report, model, source) -> None:
    for p in model.by_role("Body"):
        if p.table is not None or not p.text:
            continue
        ppr = model.ppr(p)
        check_runs(report, "rule14_body", model, p, size=(13, 14))
        check_align(report, "rule14_body", model, p, {"justify"})
        first = ppr.get("ind.firstLine")
        if ppr.get("ind.hanging") or first is None or \
                not any(abs(first - v) <= INDENT_TOLERANCE for v in FIRST_LINE_INDENTS):
            got = (f"hanging {ppr['ind.hanging']}" if ppr.get("ind.hanging") else
                   f"{first} twips = {first / TWIPS_PER_CM:.2f} cm" if first else "none")
            report.fail("rule14_body", f"{p.describe()}: first-line indent {got}, expected "
                        "1.0 or 1.27 cm")
        before, after = ppr.get("spacing.before") or 0, ppr.get("spacing.after") or 0
        if before + after < 6 * TWIPS_PER_PT:
            report.fail("rule14_body", f"{p.describe()}: paragraph spacing {before / 20:g} pt "
                        f"before + {after / 20:g} pt after, expected ≥ 6 pt")
        if ppr.get("contextualSpacing"):
            report.fail("rule14_body", f"{p.describe()}: contextualSpacing removes the space "
                        "between body paragraphs")
        check_line_spacing(report, "rule14_body", model, p, ppr)


def check_line_spacing(report, rule, model, p, ppr) -> None:
    line, rule_kind = ppr.get("spacing.line"), ppr.get("spacing.lineRule") or "auto"
    if line is None:
        return  # single
    if rule_kind == "auto":
        factor = line / 240
    else:
        sizes = [size_pt(rpr) or 12 for _t, rpr in text_runs(model, p)] or [14]
        factor = (line / TWIPS_PER_PT) / (max(sizes) * SINGLE_LINE_FACTOR)
    if not 0.99 <= factor <= 1.51:
        report.fail(rule, f"{p.describe()}: line spacing {line} ({rule_kind}) ≈ {factor:.2f} "
                    "lines, expected 1.0–1.5")


def rule15_legal_basis(report, model, source) -> None:
    paras = [p for p in model.by_role("LegalBasis") if p.text]
    for p in paras:
        check_runs(report, "rule15_legal_basis", model, p, size=(13, 14), italic=True)
    # one block per part (main document, attachments): split where other paragraphs intervene
    blocks, prev = [], None
    for p in paras:
        i = model.paras.index(p)
        if prev is not None and i == prev + 1:
            blocks[-1].append(p)
        else:
            blocks.append([p])
        prev = i
    for block in blocks:
        for p in block[:-1]:
            if not p.text.endswith(";"):
                report.fail("rule15_legal_basis", f"{p.describe()}: must end with ';'")
        if not block[-1].text.endswith("."):
            report.fail("rule15_legal_basis", f"{block[-1].describe()}: the last căn cứ must end "
                        "with '.'")


def rule16_recipients(report, model, source) -> None:
    for p in model.by_role("RecipientsLabel"):
        if p.text != "Nơi nhận:":
            report.fail("rule16_recipients", f"{p.describe()}: text must be «Nơi nhận:»")
        check_runs(report, "rule16_recipients", model, p, size=(12, 12), bold=True, italic=True)
        check_align(report, "rule16_recipients", model, p, {"left"})
        ppr = model.ppr(p)
        if (ppr.get("ind.left") or 0) > 0 or (ppr.get("ind.firstLine") or 0) > 0:
            report.fail("rule16_recipients", f"{p.describe()}: not flush left (indent "
                        f"{ppr.get('ind.left')}/{ppr.get('ind.firstLine')})")
    items = [p for p in model.by_role("RecipientItem") if p.text]
    blocks, prev = [], None
    for p in items:
        i = model.paras.index(p)
        if prev is not None and i == prev + 1:
            blocks[-1].append(p)
        else:
            blocks.append([p])
        prev = i
    for block in blocks:
        for p in block:
            check_runs(report, "rule16_recipients", model, p, size=(11, 11), italic=False)
            check_align(report, "rule16_recipients", model, p, {"left", "justify"})
            if not p.text.startswith("- "):
                report.fail("rule16_recipients", f"{p.describe()}: must start with '- '")
        for p in block[:-1]:
            if not p.text.endswith(";"):
                report.fail("rule16_recipients", f"{p.describe()}: must end with ';'")
        if not re.fullmatch(r"- Lưu: VT, .+\.", block[-1].text):
            report.fail("rule16_recipients", f"{block[-1].describe()}: the last item must match "
                        "«- Lưu: VT, <đơn vị>….»")
    if source.is_cong_van and items and not items[0].text.startswith("- Như trên"):
        report.note("rule16: công văn: §2 says the first item is «- Như trên;» (not asserted: "
                    "only when there is a Kính gửi list)")


def rule17_signer(report, model, source) -> None:
    for role in ("SignerAuthority", "SignerPosition"):
        for p in model.by_role(role):
            check_runs(report, "rule17_signer", model, p, size=(13, 14), bold=True)
            check_upper(report, "rule17_signer", model, p)
            check_align(report, "rule17_signer", model, p, {"center"})
            m = re.match(r"^([A-ZĐ]{1,4}\.)\s", p.text)
            if m and m.group(1) not in AUTHORITY_PREFIXES:
                report.fail("rule17_signer", f"{p.describe()}: authority prefix {m.group(1)} is "
                            f"not one of {', '.join(sorted(AUTHORITY_PREFIXES))}")
    for p in model.by_role("SignerName"):
        check_runs(report, "rule17_signer", model, p, size=(13, 14), bold=True)
        check_align(report, "rule17_signer", model, p, {"center"})
        if has_letters_all_upper(p.text):
            report.fail("rule17_signer", f"{p.describe()}: the signer's name must be in normal "
                        "case, not UPPER")
        if re.match(r"^(TS|ThS|PGS|GS|KS|BS)\.", p.text):
            report.fail("rule17_signer", f"{p.describe()}: no academic title before the name")


def rule18_cong_van(report, model, source) -> None:
    numbers = model.by_role("Number")
    for p in model.by_role("CongVanSubject"):
        if not p.text.startswith("V/v"):
            report.fail("rule18_cong_van", f"{p.describe()}: must start with «V/v»")
        check_runs(report, "rule18_cong_van", model, p, size=(12, 13), bold=False, italic=False)
        check_align(report, "rule18_cong_van", model, p, {"center"})
    subj = model.by_role("CongVanSubject")
    if subj and numbers:
        first = subj[0]
        num = numbers[0]
        if first.container is not num.container or \
                model.paras.index(first) < model.paras.index(num):
            report.fail("rule18_cong_van", f"{first.describe()}: must sit under ô 3 "
                        f"({num.describe()}) in the same column")
        else:
            gap = (model.ppr(first).get("spacing.before") or 0) + \
                  (model.ppr(num).get("spacing.after") or 0)
            between = model.paras[model.paras.index(num) + 1:model.paras.index(first)]
            if gap < 6 * TWIPS_PER_PT - 5 and not between:
                report.fail("rule18_cong_van", f"{first.describe()}: {gap / 20:g} pt from ô 3, "
                            "expected 6 pt")
    if source.is_cong_van and not subj:
        report.fail("rule18_cong_van", "a công văn without a CongVanSubject paragraph")


def _frame_width_twips(model, p):
    ppr = model.ppr(p)
    if ppr.get("framePr") and ppr["framePr"].get("w"):
        return _int(ppr["framePr"]["w"])
    if all(_border_on(ppr.get(f"pBdr.{s}")) for s in ("top", "bottom")) and \
            (_border_on(ppr.get("pBdr.left")) or _border_on(ppr.get("pBdr.right"))):
        return model.column_width(p) - (ppr.get("ind.left") or 0) - (ppr.get("ind.right") or 0)
    if p.cell is not None:
        borders = p.cell.find(f"{w('tcPr')}/{w('tcBorders')}")
        tbl_borders = p.table.find(f"{w('tblPr')}/{w('tblBorders')}")
        if borders is not None or tbl_borders is not None:
            return model.column_width(p) + 216  # the cell's outer width (default margins)
    return None


def rule19_urgency(report, model, source) -> None:
    marks = model.by_role("UrgencyMark")
    for p in marks:
        if p.text not in URGENCY:
            report.fail("rule19_urgency", f"{p.describe()}: must be one of "
                        f"{', '.join(URGENCY)}")
            continue
        check_runs(report, "rule19_urgency", model, p, size=(13, 14), bold=True, italic=False)
        width = _frame_width_twips(model, p)
        expected_mm = URGENCY[p.text]
        if width is None:
            report.fail("rule19_urgency", f"{p.describe()}: no frame (paragraph borders, framePr "
                        "or a bordered cell)")
        else:
            mm = width / TWIPS_PER_MM
            report.note(f"rule19: {p.text} frame ≈ {mm:.1f} mm wide (expected {expected_mm})")
            if abs(mm - expected_mm) > 3:
                report.fail("rule19_urgency", f"{p.describe()}: frame ≈ {mm:.1f} mm wide, expected "
                            f"{expected_mm} mm")
    if source.urgency:
        want = URGENCY_KEY.get(source.urgency)
        if want not in {p.text for p in marks}:
            report.fail("rule19_urgency", f"source urgency={source.urgency}: no UrgencyMark "
                        f"paragraph «{want}»")


def words_fit_columns(report, model, source) -> None:
    """vietnamese-text.md #7: Vietnamese is never hyphenated, and a syllable broken over two
    lines ("Ngà / y") is unreadable. Every word of a table cell must fit the cell's text width
    (less the paragraph indents), else Word and LibreOffice break it inside."""
    rule = "words_fit_columns"
    for p in model.paras:
        if p.cell is None or not p.text:
            continue
        ppr = model.ppr(p)
        avail = (model.column_width(p) - (ppr.get("ind.left") or 0) - (ppr.get("ind.right") or 0)
                 - max(ppr.get("ind.firstLine") or 0, 0)) / TWIPS_PER_PT
        words, word = [], []
        for ch, width in char_widths(model, p) + [(" ", 0.0)]:
            if ch.isspace():
                if word:
                    words.append(("".join(c for c, _w in word), sum(w_ for _c, w_ in word)))
                word = []
            else:
                word.append((ch, width))
        too_wide = [(w_, t) for t, w_ in words if w_ > avail + 0.5]
        if too_wide:
            width, text = max(too_wide)
            report.fail(rule, f"{p.describe()}: the word «{text}» is {width:.1f} pt wide but the "
                        f"cell's text column is {avail:.1f} pt: it will be broken inside the "
                        "word (widen the column or set the table landscape)")


def sec2_components(report, model, source) -> None:
    """The §2 table for the roles no numbered rule covers."""
    rule = "sec2_components"
    for p in model.by_role("Issuer"):
        check_runs(report, rule, model, p, size=(12, 13), bold=True, italic=False)
        check_upper(report, rule, model, p)
        check_align(report, rule, model, p, {"center"})
    for p in model.by_role("ParentOrgan"):
        check_runs(report, rule, model, p, size=(12, 13), bold=False, italic=False)
        check_upper(report, rule, model, p)
    for p in model.by_role("TypeName"):
        check_runs(report, rule, model, p, size=(13, 14), bold=True, italic=False)
        check_upper(report, rule, model, p)
        check_align(report, rule, model, p, {"center"})
    for p in model.by_role("Subject"):
        check_runs(report, rule, model, p, size=(13, 14), bold=True, italic=False)
        check_align(report, rule, model, p, {"center"})
    for p in model.by_role("Addressee"):
        check_runs(report, rule, model, p, size=(13, 14), italic=False)
    for p in model.by_role("Article"):
        check_runs(report, rule, model, p, size=(13, 14))
        m = re.match(r"Điều \d+[a-zđ]?\.", p.text)
        if not m:
            report.fail(rule, f"{p.describe()}: an Article paragraph must start «Điều N.»")
        else:
            label_len, covered = len(m.group(0)), 0
            for r, text in p.runs():
                if covered >= label_len:
                    break
                if text.strip() and not model.rpr(p, r).get("b"):
                    report.fail(rule, f"{p.describe()}: the label «{m.group(0)}» is not bold")
                    break
                covered += len(text)
        first = model.ppr(p).get("ind.firstLine")
        if first is None or not any(abs(first - v) <= INDENT_TOLERANCE for v in FIRST_LINE_INDENTS):
            report.fail(rule, f"{p.describe()}: «Điều» indent {first}, expected 1.0 or 1.27 cm")
    for role in ("Clause", "Point", "Bullet", "Heading1", "Heading2", "Heading3", "Heading4"):
        for p in model.by_role(role):
            if p.table is None:
                check_runs(report, rule, model, p, size=(13, 14))
    for role in ("PartLabel", "ChapterLabel", "SectionLabel"):
        for p in model.by_role(role):
            check_runs(report, rule, model, p, size=(13, 14), bold=True)
            check_align(report, rule, model, p, {"center"})
    for role in ("PartTitle", "ChapterTitle", "SectionTitle", "AppendixTitle"):
        for p in model.by_role(role):
            check_runs(report, rule, model, p, size=(13, 14), bold=True)
            check_upper(report, rule, model, p)
            check_align(report, rule, model, p, {"center"})
    for p in model.by_role("AppendixLabel"):
        check_runs(report, rule, model, p, size=(14, 14), bold=True)
        check_align(report, rule, model, p, {"center"})
    code = None
    if source.number is not None:
        year = f"{source.year}/" if source.year else ""
        code = f"{source_units.format_number(source.number)}/{year}{source.notation}"
    for p in model.by_role("AttachedNote"):
        check_runs(report, rule, model, p, size=(13, 14), italic=True)
        check_align(report, rule, model, p, {"center"})
        if not (p.text.startswith("(") and p.text.endswith(")")):
            report.fail(rule, f"{p.describe()}: the «(Kèm theo …)» note must be in parentheses")
        if code and f"số {code}" not in p.text:
            report.fail(rule, f"{p.describe()}: must name the parent document «số {code}»")
        if source.issue_date and source_units.format_date(source.issue_date) not in p.text:
            report.fail(rule, f"{p.describe()}: must give the parent's date «"
                        f"{source_units.format_date(source.issue_date)}»")
    for p in model.by_role("DrafterMark"):
        check_runs(report, rule, model, p, size=(11, 11), italic=False)
    for p in model.by_role("Contact"):
        check_runs(report, rule, model, p, size=(11, 12), italic=False)
    for p in model.by_role("SecrecyMark"):
        if p.text not in SECRECY.values():
            report.fail(rule, f"{p.describe()}: must be one of {', '.join(SECRECY.values())}")
    for p in model.by_role("CirculationMark"):  # ô 11: UPPER 13–14 bold, single-border box
        if p.text not in CIRCULATION.values():
            report.fail(rule, f"{p.describe()}: must be one of {', '.join(CIRCULATION.values())}")
        check_runs(report, rule, model, p, size=(13, 14), bold=True, italic=False)
        if _frame_width_twips(model, p) is None:
            report.fail(rule, f"{p.describe()}: no single-border box")
    if source.circulation and CIRCULATION[source.circulation] not in \
            {p.text for p in model.by_role("CirculationMark")}:
        report.fail(rule, f"source circulation={source.circulation}: no CirculationMark "
                    f"paragraph «{CIRCULATION[source.circulation]}»")
    if source.secrecy and SECRECY[source.secrecy] not in {p.text for p in
                                                          model.by_role("SecrecyMark")}:
        report.fail(rule, f"source secrecy={source.secrecy}: no SecrecyMark paragraph "
                    f"«{SECRECY[source.secrecy]}»")


def styles_defined(report, model, source) -> None:
    """Every w:pStyle names a paragraph style of styles.xml (else Word falls back to Normal)."""
    missing = {}
    for p in model.paras:
        if p.role is None:
            if p.text:
                report.fail("styles", f"{p.describe()}: paragraph with text but no w:pStyle "
                            "(every paragraph carries its Role style)")
            continue
        if not model.styles.exists(p.role) or model.styles.type_of(p.role) != "paragraph":
            missing.setdefault(p.role, p)
    for role, p in missing.items():
        report.fail("styles", f"style {role!r} used by {p.describe()} is not a paragraph style "
                    "in word/styles.xml")


def roles_present(report, model, source) -> None:
    """The roles the source calls for exist, so the rules above have something to check."""
    want = {"QuocHieu", "TieuNgu", "Issuer", "Number", "PlaceDate"}
    want.add("CongVanSubject" if source.is_cong_van else "Subject")
    if source.type_key not in source_units.NO_TYPE_NAME:
        want.add("TypeName")
    if source.has_legal_basis:
        want.add("LegalBasis")
    if source.signer_names:
        want.add("SignerName")
    if source.has_recipients:
        want |= {"RecipientsLabel", "RecipientItem"}
    if source.urgency:
        want.add("UrgencyMark")
    if source.appendix_count:
        want |= {"AppendixTitle"}
    have = model.roles_present()
    for role in sorted(want - have):
        report.fail("roles", f"no paragraph with style {role!r}, which this sample calls for")
    report.note(f"roles present: {', '.join(sorted(have))}")


# Every check, in the order a report lists them. ctest registers one test per (check, sample):
# docx.format.<check>.<sample>, so a failure names the Decree 30 rule it breaks (§10).
# Checks that look at the page-number header paragraphs take them as a fourth argument.
CHECKS = {
    "roles_present": roles_present,
    "styles_defined": styles_defined,
    "rule1_page": rule1_page,
    "rule2_fonts": rule2_fonts,
    "rule3_quoc_hieu": rule3_quoc_hieu,
    "rule4_tieu_ngu": rule4_tieu_ngu,
    "rule5_rules_lengths": rule5_rules_lengths,
    "rule6_8_number": rule6_8_number,
    "rule7_date": rule7_date,
    "rule13_page_numbers": rule13_page_numbers,
    "rule14_body": rule14_body,
    "rule15_legal_basis": rule15_legal_basis,
    "rule16_recipients": rule16_recipients,
    "rule17_signer": rule17_signer,
    "rule18_cong_van": rule18_cong_van,
    "rule19_urgency": rule19_urgency,
    "sec2_components": sec2_components,
    "words_fit_columns": words_fit_columns,
}
NEEDS_HEADERS = {"rule2_fonts", "rule13_page_numbers"}


def run(report: Report, docx_path: str, sample: str, only: str | None = None) -> None:
    """Runs every check, or only the one named `only` (a key of CHECKS)."""
    if only is not None and only not in CHECKS:
        raise Abort(f"no format check named {only!r}; known: {', '.join(CHECKS)}")
    source = source_units.load(sample)
    try:
        model = DocxModel(docx_path)
    except Exception as e:
        raise Abort(f"python-docx cannot open {docx_path}: {type(e).__name__}: {e}") from e
    if not any(p.text for p in model.paras):
        raise Abort("python-docx found no paragraph with text")
    headers = header_paragraphs(model)
    for name, check in CHECKS.items():
        if only is not None and name != only:
            continue
        if name in NEEDS_HEADERS:
            check(report, model, source, headers)
        else:
            check(report, model, source)
