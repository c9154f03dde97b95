"""Check 4, `libreoffice`: LibreOffice converts the DOCX to PDF; poppler reads it back.

* every source text unit is in the PDF text (pdftotext -layout per page, lines joined, whitespace
  collapsed; then with all whitespace removed; then pdftotext's reading-order mode, which
  keeps the two columns of the header and signature tables apart);
* page 1 shows no page number at its top; page 2 starts with the bare number "2", centred on
  the text area (pdftotext -bbox);
* pdffonts: every font embedded and with a ToUnicode map, and only Times New Roman or its
  metric twin Liberation Serif;
* pdftoppm -r 60 renders pages 1–2 into the work dir for humans (not asserted).
"""
from __future__ import annotations

import html
import os
import re
import tempfile
import unicodedata

from lxml import etree

import source_units
from docx_model import TWIPS_PER_PT, DocxModel, _int, w, wattr
from itest_common import Abort, Report, decode, need_program, run as run_program
from matching import strip_terminal, whitespace_free

ALLOWED_FONT = re.compile(r"(^|\+)(TimesNewRoman|Times-Roman|Times|LiberationSerif)", re.I)


def convert(docx_path: str, work: str) -> str:
    soffice = need_program("soffice")
    outdir = os.path.join(work, "pdf")
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-", dir=work) as profile, \
            tempfile.TemporaryDirectory(prefix="lo-home-", dir=work) as home:
        env = dict(os.environ, HOME=home, SAL_USE_VCLPLUGIN="svp")
        env.pop("DISPLAY", None)
        cmd = [soffice, "--headless", "--norestore", "--nolockcheck",
               f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
               "--outdir", outdir, docx_path]
        proc = run_program(cmd, timeout=120, env=env)
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(docx_path))[0] + ".pdf")
    if proc.returncode != 0 or not os.path.isfile(pdf) or os.path.getsize(pdf) == 0:
        raise Abort(f"LibreOffice did not convert the DOCX (exit {proc.returncode}):\n"
                    f"{decode(proc.stdout)}{decode(proc.stderr)}")
    return pdf


def page_count(pdf: str) -> int:
    proc = run_program([need_program("pdfinfo"), pdf], timeout=30)
    m = re.search(r"^Pages:\s+(\d+)", decode(proc.stdout), re.M)
    if not m:
        raise Abort(f"pdfinfo could not read {pdf}: {decode(proc.stderr)}")
    return int(m.group(1))


def page_text(pdf: str, page: int, layout: bool = True) -> str:
    cmd = [need_program("pdftotext"), "-enc", "UTF-8", "-f", str(page), "-l", str(page)]
    if layout:
        cmd.append("-layout")
    proc = run_program(cmd + [pdf, "-"], timeout=60)
    if proc.returncode != 0:
        raise Abort(f"pdftotext failed on page {page}: {decode(proc.stderr)}")
    return decode(proc.stdout)


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def first_word_bbox(pdf: str, page: int, work: str):
    """(text, xMin, xMax, yMin, page width) of the topmost word on a page."""
    out = os.path.join(work, f"bbox-{page}.html")
    run_program([need_program("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), pdf, out],
                timeout=60)
    with open(out, "rb") as f:
        data = f.read()
    root = etree.fromstring(data, etree.XMLParser(recover=True, resolve_entities=False,
                                                  no_network=True))
    page_el = next(root.iter("{*}page"), None)
    words = list(root.iter("{*}word"))
    if page_el is None or not words:
        return None
    top = min(words, key=lambda e: (float(e.get("yMin")), float(e.get("xMin"))))
    return (html.unescape(top.text or ""), float(top.get("xMin")), float(top.get("xMax")),
            float(top.get("yMin")), float(page_el.get("width")))


def block_texts(pdf: str, work: str) -> list[str]:
    """The text of every block of `pdftotext -bbox-layout` (a table cell, a paragraph column),
    words joined by spaces: a unit wrapped inside a narrow cell is whole here even when the
    layout text interleaves it with the neighbouring cells."""
    out = os.path.join(work, "bbox-layout.html")
    run_program([need_program("pdftotext"), "-bbox-layout", pdf, out], timeout=60)
    with open(out, "rb") as f:
        root = etree.fromstring(f.read(), etree.XMLParser(recover=True, resolve_entities=False,
                                                          no_network=True))
    blocks = []
    for block in root.iter("{*}block"):
        words = [html.unescape(wd.text or "") for wd in block.iter("{*}word")]
        blocks.append(" ".join(words))
    return blocks


def check_fonts(report: Report, pdf: str) -> None:
    proc = run_program([need_program("pdffonts"), pdf], timeout=30)
    lines = decode(proc.stdout).splitlines()
    rows = [ln.split() for ln in lines[2:] if ln.strip()]
    if not rows:
        report.fail("libreoffice.fonts", "pdffonts lists no font: the PDF has no text")
        return
    names = []
    for tokens in rows:
        if len(tokens) < 7:
            continue
        name, emb, uni = tokens[0], tokens[-5], tokens[-3]
        names.append(f"{name} (emb {emb}, uni {uni})")
        if emb != "yes":
            report.fail("libreoffice.fonts", f"font {name} is not embedded")
        if uni != "yes":
            report.fail("libreoffice.fonts", f"font {name} has no ToUnicode map: copying and "
                        "searching the text would fail")
        if not ALLOWED_FONT.search(name):
            report.fail("libreoffice.fonts", f"font {name}: some text is not in Times New Roman "
                        "(LibreOffice fell back to another font)")
    report.note(f"fonts: {'; '.join(names)}")


def unit_forms(unit) -> list[str]:
    text = strip_terminal(unit.text) if unit.kind.punct else unit.text
    return [text]


def words_in_order(needle: str, stream: list[str]) -> bool:
    """All words of needle, in order, within a short window of the word stream: survives the
    interleaving of neighbouring table columns, but not a word broken inside (Ngà / y)."""
    words = needle.split()
    if not words:
        return False
    window = 4 * len(words) + 4
    for start, word in enumerate(stream):
        if word != words[0]:
            continue
        k, j = 1, start + 1
        while k < len(words) and j < min(len(stream), start + window):
            if stream[j] == words[k]:
                k += 1
            j += 1
        if k == len(words):
            return True
    return False


def find_in_pdf(unit, modes: dict[str, list[str]]) -> str | None:
    """Which extraction mode finds the unit (in one of its texts), or None."""
    found = _find_text(unit, {m: t for m, t in modes.items() if m != "words"})
    if found is None and "words" in modes:
        for form in unit_forms(unit):
            needle = form.casefold() if unit.kind.upper else form
            stream = [w.casefold() for w in modes["words"]] if unit.kind.upper else modes["words"]
            if words_in_order(needle, stream):
                return "words in order (interleaved columns)"
    return found


def _find_text(unit, modes: dict[str, list[str]]) -> str | None:
    for mode, texts in modes.items():
        for text in texts:
            if unit.pattern is not None and unit.pattern.search(text):
                return mode
            for form in unit_forms(unit):
                hay, needle = text, form
                if unit.kind.upper:
                    hay, needle = hay.casefold(), needle.casefold()
                if needle in hay:
                    return mode
                if whitespace_free(needle) in whitespace_free(hay):
                    return f"{mode}, whitespace removed"
    return None


def render_pngs(report: Report, pdf: str, work: str, pages: int) -> None:
    prefix = os.path.join(work, "page")
    proc = run_program([need_program("pdftoppm"), "-r", "60", "-png", "-f", "1", "-l",
                        str(min(2, pages)), pdf, prefix], timeout=60)
    if proc.returncode != 0:
        report.note(f"pdftoppm failed: {decode(proc.stderr)}")
    else:
        pngs = sorted(f for f in os.listdir(work) if f.startswith("page") and f.endswith(".png"))
        report.note(f"previews: {', '.join(os.path.join(work, f) for f in pngs)}")


def text_area_centre_pt(docx_path: str) -> float | None:
    try:
        model = DocxModel(docx_path)
    except Exception:
        return None
    sp = model.sections[0].sect_pr
    mar = sp.find(w("pgMar"))
    left = _int(wattr(mar, "left")) or 0
    return (left + model.text_width(0) / 2) / TWIPS_PER_PT


def check_page_numbers(report: Report, pdf: str, work: str, layout: list[str],
                       docx_path: str) -> set[int]:
    """Decree 30 §1 / rule 13 in the PDF: the first page of every section (main document,
    each appendix and attached document) shows no number; every other page shows, first, the
    bare number that counts from 2 since its section's first page; the first numbered page's
    number is centred on the text area. Returns the pages whose first line is a number."""
    try:
        sections = len(DocxModel(docx_path).sections)
    except Exception as e:  # python-docx failed: the text check reports it
        report.note(f"page numbers: cannot count the DOCX sections ({e})")
        sections = None
    numbered, shown, expected, starts = set(), [], None, 0
    for i, text in enumerate(layout, 1):
        top = first_line(text).strip()
        if re.fullmatch(r"\d+", top):
            numbered.add(i)
            shown.append(top)
            if expected is None:
                report.fail("libreoffice.page-number", f"page {i} starts with the bare number "
                            f"«{top}»: the first page of a document must not show a number")
            elif int(top) != expected:
                report.fail("libreoffice.page-number", f"page {i} shows «{top}», expected "
                            f"«{expected}» (numbers restart at each appendix/attachment)")
            expected = (expected or int(top)) + 1
        else:
            shown.append("–")
            starts += 1
            expected = 2
    report.note(f"page numbers shown (– = none): {', '.join(shown)}; "
                f"{sections if sections is not None else '?'} DOCX section(s)")
    if sections is not None and starts != sections:
        unnumbered = [i + 1 for i, v in enumerate(shown) if v == "–"]
        report.fail("libreoffice.page-number", f"{starts} page(s) without a number "
                    f"({', '.join(map(str, unnumbered))}) but {sections} section(s): only the "
                    "first page of each section may lack its number")
    if numbered:
        page = min(numbered)
        box = first_word_bbox(pdf, page, work)
        centre = text_area_centre_pt(docx_path)
        if box and centre:
            x = (box[1] + box[2]) / 2
            report.note(f"page {page} number at x = {x:.1f} pt, text-area centre {centre:.1f} pt")
            if abs(x - centre) > 12:
                report.fail("libreoffice.page-number", f"page {page}: number «{box[0]}» at "
                            f"x = {x:.1f} pt, not centred on the text area ({centre:.1f} pt)")
    elif len(layout) == 1:
        report.note("single page: no page number to check")
    return numbered


def without_first_line(text: str) -> str:
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip():
            return "\n".join(lines[i + 1:])
    return text


def run(report: Report, docx_path: str, sample: str, work: str) -> None:
    source = source_units.load(sample)
    if not source.units:
        raise Abort(f"{sample}: no text units extracted")
    pdf = convert(docx_path, work)
    pages = page_count(pdf)
    report.note(f"pdf    {pdf}: {pages} page(s)")
    if pages < 1:
        raise Abort("the PDF has no pages")
    layout = [page_text(pdf, n) for n in range(1, pages + 1)]
    raw = [page_text(pdf, n, layout=False) for n in range(1, pages + 1)]
    with open(os.path.join(work, "text-layout.txt"), "w", encoding="utf-8") as f:
        f.write("\f".join(layout))
    all_text = "".join(layout + raw)
    if not unicodedata.is_normalized("NFC", all_text):
        report.note("pdftotext output is not NFC (normalised before comparing)")
    if "\ufffd" in all_text:
        report.fail("libreoffice.text", "the PDF text contains U+FFFD")

    numbered = check_page_numbers(report, pdf, work, layout, docx_path)
    # Drop the page-number line so a paragraph running over a page break reads as one.
    body = [without_first_line(t) if i + 1 in numbered else t for i, t in enumerate(layout)]
    body_raw = [without_first_line(t) if i + 1 in numbered else t for i, t in enumerate(raw)]
    modes = {"layout": [source_units.norm(" ".join(body))],
             "reading order": [source_units.norm(" ".join(body_raw))],
             "blocks": [source_units.norm(b) for b in block_texts(pdf, work)],
             "words": source_units.norm(" ".join(body_raw)).split()}
    missing, found_by = [], {}
    for unit in source.units:
        mode = find_in_pdf(unit, modes)
        if mode is None:
            missing.append(unit)
        else:
            found_by[mode] = found_by.get(mode, 0) + 1
    total = len(source.units)
    report.note(f"PDF text coverage: {total - len(missing)}/{total} units "
                f"({100.0 * (total - len(missing)) / total:.1f}%); found by "
                + ", ".join(f"{k}: {v}" for k, v in sorted(found_by.items())))
    stream = set(modes["words"])
    for unit in missing:
        absent = [w_ for w_ in unit_forms(unit)[0].split() if w_ not in stream]
        hint = (f"; words absent as whole words: {', '.join(absent[:6])} (broken across lines in "
                "a narrow column, or lost glyphs?)" if absent else "")
        report.fail("libreoffice.text", f"{unit.describe()} not found in the PDF text{hint}")
    check_fonts(report, pdf)
    render_pngs(report, pdf, work, pages)
