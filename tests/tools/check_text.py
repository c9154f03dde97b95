"""Check 2, `text`: python-docx opens the DOCX; every text unit of the source XML is a paragraph
of it (after the allowed transformations only, see matching.py), in a paragraph of the right
style; the text is NFC, has no U+FFFD and no '?' standing for a Vietnamese letter."""
from __future__ import annotations

import unicodedata

import source_units
from docx_model import DocxModel, paragraph_text, w
from docx.text.paragraph import Paragraph
from itest_common import Abort, Report
from matching import diagnose_miss, match_units


def header_footer_texts(model: DocxModel) -> list[tuple[str, str]]:
    """(part name, paragraph text) of every header and footer part."""
    out = []
    for rel in model.document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith(("/header", "/footer")):
            continue
        part = rel.target_part
        root = part.element if hasattr(part, "element") else None
        if root is None:
            continue
        for p in root.iter(w("p")):
            out.append((str(part.partname), paragraph_text(p, Paragraph(p, None))))
    return out


def check_characters(report: Report, model: DocxModel, source) -> None:
    """NFC (rule 2), no U+FFFD, no '?' unless the source has one."""
    source_has_q = any("?" in u.text for u in source.units)
    # the raw run text: Para.text is already NFC-normalised for matching
    texts = [(p.describe(), paragraph_text(p.element, p.paragraph)) for p in model.paras]
    texts += [(f"{part} «{t[:60]}»", t) for part, t in header_footer_texts(model)]
    for where, text in texts:
        if not unicodedata.is_normalized("NFC", text):
            bad = [c for c in text if not unicodedata.is_normalized("NFC", c)
                   or unicodedata.combining(c)]
            report.fail("text.nfc", f"{where}: text is not NFC (e.g. "
                        f"{', '.join(f'U+{ord(c):04X}' for c in bad[:5])})")
        if "\ufffd" in text:
            report.fail("text.replacement", f"{where}: contains U+FFFD (a decoding error)")
        if "?" in text and not source_has_q:
            report.fail("text.question-mark", f"{where}: contains '?' but the source has none "
                        "(a Vietnamese letter lost to a Latin-1/WinAnsi step?)")


def run(report: Report, docx_path: str, sample: str) -> None:
    source = source_units.load(sample)
    if not source.units:
        raise Abort(f"{sample}: no text units extracted from the source (nothing to compare)")
    try:
        model = DocxModel(docx_path)
    except Exception as e:  # python-docx could not open it: that is the finding
        raise Abort(f"python-docx cannot open {docx_path}: {type(e).__name__}: {e}") from e
    texts = [p for p in model.paras if p.text]
    report.note(f"python-docx: {len(model.paras)} paragraphs ({len(texts)} with text), "
                f"{model.tables} tables, {len(model.sections)} sections")
    if not texts:
        raise Abort("python-docx found no paragraph with text in the document body")

    check_characters(report, model, source)

    results = match_units(source.units, model.paras)
    found = [r for r in results if r.found]
    total = len(results)
    pct = 100.0 * len(found) / total
    report.note(f"coverage: {len(found)}/{total} source text units found ({pct:.1f}%)")
    for r in results:
        if not r.found:
            report.fail("text.missing", f"{r.unit.describe()} not found; "
                        f"{diagnose_miss(r.unit, model.paras)}")
        elif not r.role_ok:
            roles = sorted(r.unit.kind.roles)
            got = "; ".join(c.describe() for c in r.matches[:2])
            report.fail("text.role", f"{r.unit.describe()} found only in a paragraph of another "
                        f"style: {got}; expected style {' or '.join(roles)}")
    if len(found) < total:
        report.fail("text.coverage", f"{len(found)}/{total} units found ({pct:.1f}% < 100%)")

    # Paragraphs no unit explains: fixed wording added by compose (Quốc hiệu, "Nơi nhận:"…) or
    # text that should not be there. Listed for the reader, not asserted.
    used = {id(p) for r in results for c in r.matches for p in c.paras}
    extra = [p for p in texts if id(p) not in used]
    if extra:
        report.note(f"{len(extra)} paragraphs with text not from a source unit "
                    "(fixed wording; check they belong):")
        for p in extra[:40]:
            report.note(f"  {p.describe()}")
