#!/usr/bin/python3
"""Real-client checks of one sample rendered to PDF by our own writer (one ctest test per check).

    check_pdf.py {structure,text,pdfa,parity} --vanthu BIN --sample FILE.xml --work BUILD/itest

* structure: `qpdf --check` passes; `pdffonts` lists only embedded subset fonts ("ABCDEF+")
  of Liberation Serif with Unicode maps; rendering twice gives the same bytes.
* text: every source text unit is in `pdftotext`'s text (the units and the search modes of the
  LibreOffice check, tests/tools/check_libreoffice.py), the text is NFC, has no U+FFFD and no
  '?' the source lacks; page numbers are the bare numbers from 2 of each section.
* pdfa: PDF/A-2b structure read with `qpdf --json`: XMP with pdfaid:part 2 and conformance B,
  an sRGB OutputIntent (GTS_PDFA1, an ICC stream with N 3), every font embedded, /ID present,
  no /Encrypt, Info and XMP agreeing (title, author, producer, dates).
* font-missing, font-corrupt: with a data folder whose fonts.xml names a missing or a corrupt
  face, `render --format pdf` exits 1 with a message naming the file, and writes no output.
* parity: LibreOffice converts our DOCX of the same sample to PDF; both PDFs have the same
  number of pages and at least 95% of their lines end on the same word (lines from
  `pdftotext -bbox`, compared in order). The figure is printed per sample.
Must run under Debian's /usr/bin/python3.
"""
import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import base64  # noqa: E402
import difflib  # noqa: E402
import html  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import unicodedata  # noqa: E402

from itest_common import (Abort, Report, decode, fresh_dir, main_wrapper, need_modules,  # noqa: E402
                          need_program, need_tools, render_docx, run)

need_modules("lxml")  # source_units reads the sample with it
import source_units  # noqa: E402

CHECKS = ("structure", "text", "pdfa", "parity", "font-missing", "font-corrupt")
# What each check runs besides vanthu: missing, the check skips (fails under CI=true).
TOOLS = {
    "structure": dict(programs=("qpdf", "pdffonts")),
    "text": dict(programs=("pdfinfo", "pdftotext"), modules=("docx",)),
    "pdfa": dict(programs=("qpdf",)),
    "parity": dict(programs=("soffice", "pdfinfo", "pdftotext"), modules=("docx",)),
    "font-missing": {},
    "font-corrupt": {},
}
PARITY_MIN = 95.0


def render_pdf(vanthu: str, sample: str, work: str, name: str | None = None) -> str:
    stem = os.path.splitext(os.path.basename(sample))[0]
    out = os.path.join(work, f"{name or stem}.pdf")
    cmd = [vanthu, "render", sample, "--format", "pdf", "-o", out]
    proc = run(cmd, timeout=60)
    if proc.returncode != 0:
        raise Abort(f"render failed (exit {proc.returncode}): {' '.join(cmd)}\n{decode(proc.stderr)}")
    if not os.path.isfile(out) or os.path.getsize(out) == 0:
        raise Abort(f"render exited 0 but wrote no output file {out}")
    return out


# ---------------------------------------------------------------- structure

def check_structure(report: Report, pdf: str, again: str) -> None:
    proc = run([need_program("qpdf"), "--check", pdf], timeout=60)
    out = decode(proc.stdout) + decode(proc.stderr)
    if proc.returncode != 0 or "No syntax or stream encoding errors" not in out:
        report.fail("pdf.qpdf", f"qpdf --check (exit {proc.returncode}):\n{out}")
    else:
        report.note("qpdf --check: no syntax or stream encoding errors")
    proc = run([need_program("pdffonts"), pdf], timeout=30)
    rows = [ln.split() for ln in decode(proc.stdout).splitlines()[2:] if ln.strip()]
    if not rows:
        report.fail("pdf.fonts", "pdffonts lists no font")
    for tokens in rows:
        name, emb, sub, uni = tokens[0], tokens[-5], tokens[-4], tokens[-3]
        if emb != "yes" or sub != "yes" or uni != "yes":
            report.fail("pdf.fonts", f"font {name}: emb {emb} sub {sub} uni {uni} (all must be yes)")
        if not re.fullmatch(r"[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?", name):
            report.fail("pdf.fonts", f"font {name} is not a tagged Liberation Serif subset")
    report.note(f"fonts: {', '.join(t[0] for t in rows)}")
    with open(pdf, "rb") as a, open(again, "rb") as b:
        if a.read() != b.read():
            report.fail("pdf.deterministic", "two renders of the same input differ")
        else:
            report.note("deterministic: two renders are byte-identical")


# ---------------------------------------------------------------- text

def page_count(pdf: str) -> int:
    proc = run([need_program("pdfinfo"), pdf], timeout=30)
    m = re.search(r"^Pages:\s+(\d+)", decode(proc.stdout), re.M)
    if not m:
        raise Abort(f"pdfinfo cannot read {pdf}: {decode(proc.stderr)}")
    return int(m.group(1))


def check_text(report: Report, pdf: str, sample: str, work: str) -> None:
    import check_libreoffice as lo
    source = source_units.load(sample)
    if not source.units:
        raise Abort(f"{sample}: no text units")
    pages = page_count(pdf)
    layout = [lo.page_text(pdf, n) for n in range(1, pages + 1)]
    raw = [lo.page_text(pdf, n, layout=False) for n in range(1, pages + 1)]
    all_text = "".join(layout + raw)
    if not unicodedata.is_normalized("NFC", all_text):
        bad = sorted({f"U+{ord(c):04X}" for c in all_text if unicodedata.combining(c)})
        report.fail("pdf.text.nfc", f"pdftotext output is not NFC (combining marks {', '.join(bad[:8])})")
    if "\ufffd" in all_text:
        report.fail("pdf.text.replacement", "the PDF text contains U+FFFD")
    if "?" in all_text and not any("?" in u.text for u in source.units):
        report.fail("pdf.text.question-mark", "the PDF text contains '?' but the source has none")
    # Page numbers: bare, from 2 in each section (the same rule as the LibreOffice check).
    numbered = set()
    expected = None
    for i, text in enumerate(layout, 1):
        top = lo.first_line(text).strip()
        if re.fullmatch(r"\d+", top):
            numbered.add(i)
            if expected is None or int(top) != expected:
                report.fail("pdf.page-number", f"page {i} shows «{top}», expected «{expected or 'none'}»")
            expected = (expected or int(top)) + 1
        else:
            expected = 2
    starts = pages - len(numbered)
    if starts != source.section_count:
        report.fail("pdf.page-number", f"{starts} page(s) without a number, {source.section_count} section(s)")
    body = [lo.without_first_line(t) if i + 1 in numbered else t for i, t in enumerate(layout)]
    body_raw = [lo.without_first_line(t) if i + 1 in numbered else t for i, t in enumerate(raw)]
    modes = {"layout": [source_units.norm(" ".join(body))],
             "reading order": [source_units.norm(" ".join(body_raw))],
             "blocks": [source_units.norm(b) for b in lo.block_texts(pdf, work)],
             "words": source_units.norm(" ".join(body_raw)).split()}
    missing, interleaved = [], []
    blocks_free = [re.sub(r"\s+", "", b) for b in modes["blocks"]]
    for u in source.units:
        if lo.find_in_pdf(u, modes) is not None:
            continue
        # A cell too narrow for its words: they are cut between letters, and pdftotext
        # interleaves the lines of neighbouring cells. Every character must still be there,
        # in order, within one block.
        if any(chars_in_order(re.sub(r"\s+", "", u.text), b) for b in blocks_free):
            interleaved.append(u)
        else:
            missing.append(u)
    total = len(source.units)
    report.note(f"pdftotext coverage: {total - len(missing)}/{total} source units; {pages} page(s)"
                + (f"; {len(interleaved)} found only letter by letter (words cut in a narrow table "
                   "cell, as LibreOffice cuts them)" if interleaved else ""))
    for unit in missing:
        report.fail("pdf.text", f"{unit.describe()} not found in the PDF text")


def chars_in_order(needle: str, hay: str) -> bool:
    """needle's characters appear in hay in order, within a window of 4× its length."""
    if not needle:
        return False
    window = 4 * len(needle) + 8
    start = hay.find(needle[0])
    while start != -1:
        k, j = 1, start + 1
        while k < len(needle) and j < min(len(hay), start + window):
            if hay[j] == needle[k]:
                k += 1
            j += 1
        if k == len(needle):
            return True
        start = hay.find(needle[0], start + 1)
    return False


# ---------------------------------------------------------------- PDF/A

def qpdf_json(pdf: str) -> dict:
    proc = run([need_program("qpdf"), "--json=2", "--json-stream-data=inline", pdf, "-"], timeout=60)
    if proc.returncode not in (0, 3):
        raise Abort(f"qpdf --json failed: {decode(proc.stderr)}")
    doc = json.loads(decode(proc.stdout))
    return doc["qpdf"][1]


def obj(objects: dict, ref) -> dict:
    if isinstance(ref, str) and ref.endswith(" R"):
        return objects.get("obj:" + ref, {})
    return {"value": ref}


def value(objects: dict, ref):
    o = obj(objects, ref)
    return o["value"] if "value" in o else o.get("stream", {}).get("dict")


def text_of(v) -> str:
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        return bytes.fromhex(v[2:]).decode("latin-1")
    return str(v)


def xmp_field(xmp: str, tag: str) -> str | None:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", xmp, re.S)
    if not m:
        return None
    inner = re.sub(r"<[^>]+>", "", m.group(1))
    return html.unescape(inner).strip()


def check_pdfa(report: Report, pdf: str) -> None:
    objects = qpdf_json(pdf)
    trailer = objects.get("trailer", {}).get("value", {})
    if "/Encrypt" in trailer:
        report.fail("pdfa.encrypt", "the file is encrypted")
    ids = trailer.get("/ID")
    if not (isinstance(ids, list) and len(ids) == 2 and all(len(text_of(i)) == 16 for i in ids)):
        report.fail("pdfa.id", f"trailer /ID missing or not two 16-byte strings: {ids}")
    root = value(objects, trailer.get("/Root"))
    if not root:
        raise Abort("no /Root")
    meta = obj(objects, root.get("/Metadata"))
    stream = meta.get("stream", {})
    if not stream or stream.get("dict", {}).get("/Subtype") != "/XML" or "/Filter" in stream.get("dict", {}):
        report.fail("pdfa.xmp", "the catalog has no unfiltered /Metadata XML stream")
        return
    xmp = base64.b64decode(stream.get("data", "")).decode("utf-8")
    if xmp_field(xmp, "pdfaid:part") != "2" or xmp_field(xmp, "pdfaid:conformance") != "B":
        report.fail("pdfa.xmp", "XMP lacks pdfaid:part 2 / pdfaid:conformance B")
    intents = root.get("/OutputIntents") or []
    ok = False
    for ref in intents:
        oi = value(objects, ref) or {}
        prof = obj(objects, oi.get("/DestOutputProfile"))
        if oi.get("/S") == "/GTS_PDFA1" and prof.get("stream", {}).get("dict", {}).get("/N") == 3:
            ok = True
    if not ok:
        report.fail("pdfa.output-intent", "no GTS_PDFA1 OutputIntent with an RGB (N 3) ICC profile")
    fonts = 0
    for key, o in objects.items():
        v = o.get("value")
        if isinstance(v, dict) and v.get("/Type") == "/FontDescriptor":
            fonts += 1
            if not any(k in v for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                report.fail("pdfa.fonts", f"{key}: font descriptor without an embedded font file")
        if isinstance(v, dict) and v.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in v:
            report.fail("pdfa.fonts", f"{key}: CIDFontType2 without /CIDToGIDMap")
        d = o.get("stream", {}).get("dict", {})
        if d.get("/Type") == "/XObject" or "/SMask" in d or (isinstance(v, dict) and "/Group" in v):
            report.fail("pdfa.transparency", f"{key}: transparency or XObject")
    if fonts == 0:
        report.fail("pdfa.fonts", "no font descriptor")
    info = value(objects, trailer.get("/Info")) or {}
    pairs = [("/Title", "dc:title"), ("/Author", "dc:creator"), ("/Subject", "dc:description"),
             ("/Producer", "pdf:Producer"), ("/Keywords", "pdf:Keywords")]
    for ikey, xtag in pairs:
        iv = text_of(info[ikey]) if ikey in info else None
        xv = xmp_field(xmp, xtag)
        if iv != xv:
            report.fail("pdfa.info-xmp", f"Info {ikey} «{iv}» ≠ XMP {xtag} «{xv}»")
    created = text_of(info.get("/CreationDate", ""))
    xc = xmp_field(xmp, "xmp:CreateDate") or ""
    if re.sub(r"\D", "", created) != re.sub(r"\D", "", xc):
        report.fail("pdfa.info-xmp", f"Info /CreationDate {created} ≠ XMP xmp:CreateDate {xc}")
    if xmp_field(xmp, "dc:language") != "vi-VN" or text_of(root.get("/Lang", "")) != "vi-VN":
        report.fail("pdfa.lang", "language vi-VN missing from XMP dc:language or the catalog /Lang")
    report.note(f"PDF/A-2b structure: XMP pdfaid 2B, OutputIntent, {fonts} embedded font(s), /ID; "
                f"title «{xmp_field(xmp, 'dc:title')}»")


# ---------------------------------------------------------------- parity

def pdf_lines(pdf: str, work: str, tag: str) -> list[tuple[int, str, str]]:
    """(page, first word, last word) of every line, page-number lines dropped. A line is the
    words sharing a top edge; a gap wider than 24 pt starts another line (the columns of the
    header and signature tables)."""
    out = os.path.join(work, f"bbox-{tag}.html")
    run([need_program("pdftotext"), "-bbox", pdf, out], timeout=60)
    with open(out, encoding="utf-8") as f:
        data = f.read()
    lines = []
    for pno, page in enumerate(data.split("<page")[1:], 1):
        rows: dict[float, list] = {}
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page):
            rows.setdefault(round(float(m[2])), []).append((float(m[1]), float(m[3]), html.unescape(m[4])))
        for y in sorted(rows):
            words = sorted(rows[y])
            pieces, cur = [], [words[0]]
            for w in words[1:]:
                if w[0] - cur[-1][1] > 24:
                    pieces.append(cur)
                    cur = [w]
                else:
                    cur.append(w)
            pieces.append(cur)
            for p in pieces:
                if len(p) == 1 and re.fullmatch(r"\d+", p[0][2]) and y < 50:
                    continue  # the page number in the top margin
                lines.append((pno, p[0][2], p[-1][2]))
    return lines


def check_parity(report: Report, pdf: str, docx: str, work: str) -> None:
    import check_libreoffice as lo
    lopdf = lo.convert(docx, work)
    ours_pages, lo_pages = page_count(pdf), page_count(lopdf)
    if ours_pages != lo_pages:
        report.fail("pdf.parity.pages", f"our PDF has {ours_pages} page(s), LibreOffice's {lo_pages}")
    ours = pdf_lines(pdf, work, "ours")
    theirs = pdf_lines(lopdf, work, "lo")
    # The lines in order, each by its last word: the figure asserted. The same on the same
    # page is reported beside it (one early page break shifts every later page).
    a = [ln[2] for ln in ours]
    b = [ln[2] for ln in theirs]
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(blk.size for blk in sm.get_matching_blocks())
    total = max(len(a), len(b))
    pct = 100.0 * same / total if total else 0.0
    paged = difflib.SequenceMatcher(None, [(ln[0], ln[2]) for ln in ours], [(ln[0], ln[2]) for ln in theirs],
                                    autojunk=False)
    same_page = sum(blk.size for blk in paged.get_matching_blocks())
    report.note(f"PARITY {os.path.basename(pdf)}: pages {ours_pages}/{lo_pages} (ours/LibreOffice); "
                f"{same}/{total} lines end on the same word ({pct:.1f}%); "
                f"{same_page}/{total} also on the same page ({100.0 * same_page / total if total else 0:.1f}%)")
    shown = 0
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal" and shown < 8:
            report.note(f"  differs: ours {[' … '.join(x[1:]) for x in ours[i1:i2]][:3]} "
                        f"LibreOffice {[' … '.join(x[1:]) for x in theirs[j1:j2]][:3]}")
            shown += 1
    if pct < PARITY_MIN:
        report.fail("pdf.parity.lines", f"{pct:.1f}% of lines end on the same word (< {PARITY_MIN}%)")


def check_bad_font(report: Report, vanthu: str, sample: str, work: str, kind: str) -> None:
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    data = os.path.join(work, "data")
    os.makedirs(os.path.join(data, "fonts"))
    for sub in ("templates", "schemas"):
        os.symlink(os.path.join(repo, sub), os.path.join(data, sub))
    with open(os.path.join(repo, "fonts", "fonts.xml"), encoding="utf-8") as f:
        manifest = f.read()
    bad = os.path.join(data, "fonts", "LiberationSerif-Bold.ttf")
    if kind == "font-corrupt":
        with open(bad, "wb") as f:
            f.write(b"\x00\x01\x00\x00" + b"garbage" * 500)
    manifest = re.sub(r'file="[^"]*LiberationSerif-Bold\.ttf"', f'file="{bad}"', manifest)
    with open(os.path.join(data, "fonts", "fonts.xml"), "w", encoding="utf-8") as f:
        f.write(manifest)
    out = os.path.join(work, "out.pdf")
    proc = run([vanthu, "render", sample, "--format", "pdf", "-o", out], timeout=60,
               env=dict(os.environ, VANTHU_DATA_DIR=data))
    err = decode(proc.stderr)
    report.note(f"exit {proc.returncode}; stderr: {err.strip()[-300:]}")
    if proc.returncode != 1:
        report.fail("pdf.bad-font", f"exit {proc.returncode}, expected 1 (a fault)")
    if "LiberationSerif-Bold.ttf" not in err or "font_missing" not in err:
        report.fail("pdf.bad-font", "the message does not name the font file and font_missing")
    leftovers = [f for f in os.listdir(work) if f.startswith("out.pdf")]
    if leftovers:
        report.fail("pdf.bad-font", f"output written despite the failure: {leftovers}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("check", choices=CHECKS)
    ap.add_argument("--vanthu", required=True)
    ap.add_argument("--sample", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    need_tools(**TOOLS[args.check])
    stem = os.path.splitext(os.path.basename(args.sample))[0]
    report = Report(f"pdf.{args.check}.{stem}")
    work = fresh_dir(os.path.join(os.path.abspath(args.work), "pdf-" + args.check, stem))
    vanthu, sample = os.path.abspath(args.vanthu), os.path.abspath(args.sample)
    try:
        if args.check.startswith("font-"):
            check_bad_font(report, vanthu, sample, work, args.check)
            return report.finish()
        pdf = render_pdf(vanthu, sample, work)
        report.note(f"pdf    {pdf}")
        if args.check == "structure":
            check_structure(report, pdf, render_pdf(vanthu, sample, work, "again"))
        elif args.check == "text":
            check_text(report, pdf, sample, work)
        elif args.check == "pdfa":
            check_pdfa(report, pdf)
        elif args.check == "parity":
            check_parity(report, pdf, render_docx(vanthu, sample, work), work)
    except Abort as e:
        report.fail(args.check, str(e))
    return report.finish()


if __name__ == "__main__":
    main_wrapper(main)
