"""`check_docx.py selftest`: unit tests of the checkers themselves, no vanthu needed.

* the date and number formatting oracles (decree §10 rules 6 and 7);
* label stripping and unit matching, positive and negative cases;
* text-unit extraction from a built-in document that uses every element of document.xsd;
* an end-to-end run of the `text` check on a DOCX that python-docx writes here from the units
  (with labels, upper case and punctuation changed as compose may), expected to pass, and the
  same DOCX with one paragraph missing or mangled, expected to fail;
* with --samples DIR: the units of every DIR/*.xml (a sample with no unit is a failure).
"""
from __future__ import annotations

import datetime as dt
import glob
import io
import os
import tempfile
import traceback
from contextlib import redirect_stdout

import source_units
import ttf_metrics
from itest_common import Report
from matching import Para, match_units, strip_label, text_matches

DOC = """<?xml version="1.0" encoding="UTF-8"?>
<!-- self-test document: every element of document.xsd once -->
<document xmlns="urn:vanthu:document:1" type="quyet-dinh" urgency="khan">
  <code number="7" notation="QĐ-BTP"/>
  <parentIssuer>Bộ Tư pháp</parentIssuer>
  <issuer abbreviation="CQLXLVPHC">Cục Quản lý xử lý vi phạm hành chính
     và theo dõi thi hành pháp luật</issuer>
  <place>Hà Nội</place>
  <issueDate>2020-01-05</issueDate>
  <subject>Ban hành Kế hoạch thực hiện “Đề án Đổi mới”</subject>
  <authority>Bộ trưởng Bộ Tư pháp</authority>
  <legalBasis>
    <basis>Căn cứ Nghị định số 96/2017/NĐ-CP ngày 16 tháng 8 năm 2017;</basis>
    <basis>Xét đề nghị của Cục trưởng,</basis>
  </legalBasis>
  <body>
    <chapter number="I"><title>Quy định chung</title>
      <article number="1"><title>Phạm vi điều chỉnh</title>
        <clause number="1"><text>Quyết định này quy định <b>việc</b> thi hành.</text>
          <point number="a"><text>Điểm thứ nhất;</text></point>
          <point number="đ"><text>Điểm đ;</text><p>Đoạn trong điểm.</p></point>
        </clause>
      </article>
      <article number="2"><text>Quyết định này có hiệu lực thi hành kể từ ngày ký.</text></article>
    </chapter>
    <heading number="I"><title>Mục đích, yêu cầu</title>
      <heading number="1"><title>Mục đích</title>
        <bullet>Gạch đầu dòng một</bullet>
      </heading>
    </heading>
    <p>Đề nghị các đơn vị phối hợp./.</p>
    <table widths="1 4"><row header="true"><cell>TT</cell><cell>Nội dung</cell></row>
      <row><cell>1</cell><cell>Tuyên truyền <i>pháp luật</i></cell></row></table>
  </body>
  <signature>
    <capacity kind="KT">Bộ trưởng</capacity>
    <position>Thứ trưởng</position>
    <name>Đặng Hoàng Oanh</name>
  </signature>
  <recipients>
    <asArticle article="3"/>
    <recipient purpose="để chỉ đạo thực hiện">Các Thủ trưởng</recipient>
    <archive copies="2" drafter="PL" issuedCopies="300"><unit>VT</unit><unit>QLXLVPHC&amp;TDTHPL</unit></archive>
  </recipients>
  <appendix><title>Danh mục nhiệm vụ</title><body><p>Nội dung phụ lục.</p></body></appendix>
  <attachment type="ke-hoach"><subject>Thực hiện Đề án</subject>
    <body><heading number="I"><title>Nhiệm vụ</title><p>Nội dung kế hoạch.</p></heading></body>
  </attachment>
  <contact address="58-60 Trần Phú, Hà Nội" phone="024 1234 5678"/>
</document>
"""

# What compose might print for each unit of DOC (style, text), in order.
RENDERED = [
    ("QuocHieu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("TieuNgu", "Độc lập - Tự do - Hạnh phúc"),
    ("ParentOrgan", "BỘ TƯ PHÁP"),
    ("Issuer", "CỤC QUẢN LÝ XỬ LÝ VI PHẠM HÀNH CHÍNH"),
    ("Issuer", "VÀ THEO DÕI THI HÀNH PHÁP LUẬT"),
    ("Number", "Số: 07/QĐ-BTP"),
    ("PlaceDate", "Hà Nội, ngày 05 tháng 01 năm 2020"),
    ("UrgencyMark", "KHẨN"),
    ("TypeName", "QUYẾT ĐỊNH"),
    ("Subject", "Ban hành Kế hoạch thực hiện “Đề án Đổi mới”"),
    ("AuthorityLine", "BỘ TRƯỞNG BỘ TƯ PHÁP"),
    ("LegalBasis", "Căn cứ Nghị định số 96/2017/NĐ-CP ngày 16 tháng 8 năm 2017;"),
    ("LegalBasis", "Xét đề nghị của Cục trưởng."),
    ("DecisionWord", "QUYẾT ĐỊNH:"),
    ("ChapterLabel", "Chương I"),
    ("ChapterTitle", "QUY ĐỊNH CHUNG"),
    ("Article", "Điều 1. Phạm vi điều chỉnh"),
    ("Clause", "1. Quyết định này quy định việc thi hành."),
    ("Point", "a) Điểm thứ nhất;"),
    ("Point", "đ) Điểm đ;"),
    ("Body", "Đoạn trong điểm."),
    ("Article", "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký."),
    ("Heading1", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("Heading2", "1. Mục đích"),
    ("Bullet", "- Gạch đầu dòng một"),
    ("Body", "Đề nghị các đơn vị phối hợp./."),
    ("TableText", "TT"), ("TableText", "Nội dung"), ("TableText", "1"),
    ("TableText", "Tuyên truyền pháp luật"),
    ("RecipientsLabel", "Nơi nhận:"),
    ("RecipientItem", "- Như Điều 3;"),
    ("RecipientItem", "- Các Thủ trưởng (để chỉ đạo thực hiện);"),
    ("RecipientItem", "- Lưu: VT, QLXLVPHC&TDTHPL (02)."),
    ("DrafterMark", "PL.(300)"),
    ("SignerAuthority", "KT. BỘ TRƯỞNG"),
    ("SignerPosition", "THỨ TRƯỞNG"),
    ("SignerName", "Đặng Hoàng Oanh"),
    ("Contact", "Địa chỉ: 58-60 Trần Phú, Hà Nội; ĐT: 024 1234 5678"),
    ("AppendixLabel", "Phụ lục"),
    ("AppendixTitle", "DANH MỤC NHIỆM VỤ"),
    ("Body", "Nội dung phụ lục."),
    ("TypeName", "KẾ HOẠCH"),
    ("Subject", "Thực hiện Đề án"),
    ("Heading1", "I. NHIỆM VỤ"),
    ("Body", "Nội dung kế hoạch."),
]


class Failed(AssertionError):
    pass


def expect(cond, message):
    if not cond:
        raise Failed(message)


def test_formatting():
    cases = {dt.date(2018, 5, 8): "ngày 08 tháng 5 năm 2018",
             dt.date(2020, 1, 5): "ngày 05 tháng 01 năm 2020",
             dt.date(2019, 2, 10): "ngày 10 tháng 02 năm 2019",
             dt.date(2019, 6, 29): "ngày 29 tháng 6 năm 2019"}
    for d, want in cases.items():
        expect(source_units.format_date(d) == want, f"format_date({d}) = "
               f"{source_units.format_date(d)!r}, want {want!r}")
    expect(source_units.format_number(7) == "07", "format_number(7)")
    expect(source_units.format_number(12) == "12", "format_number(12)")
    expect(source_units.roman(14) == "XIV", "roman(14)")


def test_labels():
    cases = {"Điều 3. Chánh Văn phòng": "Chánh Văn phòng", "1. Mục đích": "Mục đích",
             "1.1. Thực hiện": "Thực hiện", "a) Điểm": "Điểm", "đ) Điểm": "Điểm",
             "I. MỤC ĐÍCH": "MỤC ĐÍCH", "- Như trên;": "Như trên;", "Chương II QUY ĐỊNH": "QUY ĐỊNH",
             "Kính gửi: Ủy ban nhân dân": "Ủy ban nhân dân", "Phần thứ nhất NHỮNG": "NHỮNG"}
    for text, want in cases.items():
        expect(strip_label(text) == want, f"strip_label({text!r}) = {strip_label(text)!r}")
    for text in ("Đề nghị các đơn vị", "Căn cứ Nghị định", "2018-2022 là giai đoạn"):
        expect(strip_label(text) is None, f"strip_label({text!r}) should not strip")


def _unit(kind, text, pattern=None):
    return source_units.Unit(source_units.KINDS[kind], source_units.norm(text), "test", pattern)


def test_matching():
    yes = [("basis", "Căn cứ Luật A;", "Căn cứ Luật A."),
           ("basis", "Xét đề nghị của Cục trưởng,", "Xét đề nghị của Cục trưởng."),
           ("issuer", "Bộ Tư pháp", "BỘ TƯ PHÁP"),
           ("articleText", "Quyết định này có hiệu lực.", "Điều 2. Quyết định này có hiệu lực."),
           ("recipient", "Như trên", "- Như trên;"),
           ("archiveUnit", "QLXLVPHC&TDTHPL", "- Lưu: VT, QLXLVPHC&TDTHPL (02)."),
           ("archiveUnit", "VT", "- Lưu: VT, QLXLVPHC&TDTHPL (02)."),
           ("drafter", "PL", "PL.(300)"),
           ("addressee", "Ủy ban nhân dân tỉnh", "Kính gửi: Ủy ban nhân dân tỉnh"),
           ("addressee", "Sở Tư pháp", "- Sở Tư pháp;"),
           ("p", "Đoạn  văn\n bản", "Đoạn văn bản")]
    no = [("p", "Đoạn văn bản", "ĐOẠN VĂN BẢN"),           # body text may not be upper-cased
          ("p", "Đoạn văn bản", "1. Đoạn văn bản"),        # nor get a label
          ("signerName", "Đặng Hoàng Oanh", "ĐẶNG HOÀNG OANH"),
          ("basis", "Căn cứ Luật A;", "Căn cứ Luật A; B"),
          ("issuer", "Bộ Tư pháp", "BỘ TƯ PHÁP VÀ"),
          ("archiveUnit", "VT", "- Lưu: VTX, A."),
          ("subject", "Ban hành Kế hoạch", "Ban hành K? ho?ch"),
          ("p", "Tiếng Việt", "Tie\u0302\u0301ng Vie\u0323\u0302t")]
    for kind, src, rendered in yes:
        u = _unit(kind, src)
        expect(text_matches(u, source_units.norm(rendered)),
               f"{kind}: {src!r} should match {rendered!r}")
    for kind, src, rendered in no:
        u = _unit(kind, src)
        expect(not text_matches(u, rendered), f"{kind}: {src!r} must not match {rendered!r}")
    # wrapped names: two consecutive Issuer paragraphs form one unit; other roles do not join
    paras = [Para(1, "Issuer", "CỤC QUẢN LÝ", "t", container=1),
             Para(2, "Issuer", "VÀ THEO DÕI", "t", container=1)]
    r = match_units([_unit("issuer", "Cục quản lý và theo dõi")], paras)[0]
    expect(r.found and r.role_ok, "a wrapped issuer over two paragraphs should match")
    paras[1].role = "Body"
    r = match_units([_unit("issuer", "Cục quản lý và theo dõi")], paras)[0]
    expect(not r.found, "paragraphs of different roles must not be joined")
    r = match_units([_unit("basis", "Căn cứ A;")], [Para(1, "Body", "Căn cứ A;", "t")])[0]
    expect(r.found and not r.role_ok, "a căn cứ in a Body paragraph is a role error")


def test_extraction(path):
    doc = source_units.load(path)
    kinds = [u.kind.name for u in doc.units]
    expect(doc.number == 7 and doc.issue_date == dt.date(2020, 1, 5), "code and date")
    expect(doc.appendix_count == 1 and doc.attachment_count == 1 and doc.section_count == 3,
           f"sections: {doc.appendix_count} appendices, {doc.attachment_count} attachments")
    want = {"number": 1, "placeDate": 1, "typeName": 2, "subject": 2, "basis": 2,
            "archiveUnit": 2, "recipient": 2, "cell": 4, "pointText": 2, "headingTitle": 3,
            "drafter": 1, "contact": 2, "appendixLabel": 1, "appendixTitle": 1, "capacity": 1}
    for kind, n in want.items():
        expect(kinds.count(kind) == n, f"{kind}: {kinds.count(kind)} units, want {n}")
    by_kind = {u.kind.name: u.text for u in doc.units}
    expect(by_kind["number"] == "Số: 07/QĐ-BTP", f"number unit {by_kind['number']!r}")
    expect(by_kind["capacity"] == "KT. Bộ trưởng", f"capacity unit {by_kind['capacity']!r}")
    expect(by_kind["issuer"] == "Cục Quản lý xử lý vi phạm hành chính và theo dõi thi hành "
           "pháp luật", "issuer whitespace collapsed")
    cells = [u.text for u in doc.units if u.kind.name == "cell"]
    expect(cells[-1] == "Tuyên truyền pháp luật", f"inline markup flattened: {cells[-1]!r}")
    return doc


def write_docx(path, rendered):
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    d = docx.Document()
    styles = {role: d.styles.add_style(role, WD_STYLE_TYPE.PARAGRAPH)
              for role in sorted({r for r, _t in rendered})}
    table_rows = [t for r, t in rendered if r == "TableText"]
    table_done = False
    for role, text in rendered:
        if role == "TableText":
            if not table_done:  # the four cells as a 2×2 table
                t = d.add_table(rows=2, cols=2)
                for i, cell_text in enumerate(table_rows):
                    cell = t.cell(i // 2, i % 2)
                    cell.paragraphs[0].text = cell_text
                    cell.paragraphs[0].style = styles["TableText"]
                table_done = True
            continue
        d.add_paragraph(text, style=styles[role])
    d.save(path)


def test_text_check(doc_path, tmp):
    import check_text
    good = os.path.join(tmp, "good.docx")
    write_docx(good, RENDERED)
    report = Report("selftest.good")
    out = io.StringIO()
    with redirect_stdout(out):
        check_text.run(report, good, doc_path)
    expect(not report.failures, "the text check should pass on the faithful DOCX:\n" +
           "\n".join(report.failures))
    expect("coverage: " in out.getvalue() and "(100.0%)" in out.getvalue(), "coverage line")

    cases = {
        "missing": [x for x in RENDERED if x[1] != "Nội dung kế hoạch."],
        "lossy": [(r, "Ban h?nh K? ho?ch th?c hi?n “?? ?n ??i m?i”") if r == "Subject"
                  and t.startswith("Ban") else (r, t) for r, t in RENDERED],
        "wrong role": [("Body", t) if r == "LegalBasis" else (r, t) for r, t in RENDERED],
        "nfd": [(r, "Tie\u0302\u0301p") if t == "Nơi nhận:" else (r, t) for r, t in RENDERED],
    }
    expected_rule = {"missing": "text.missing", "lossy": "text.question-mark",
                     "wrong role": "text.role", "nfd": "text.nfc"}
    for name, rendered in cases.items():
        path = os.path.join(tmp, f"{name.replace(' ', '-')}.docx")
        write_docx(path, rendered)
        report = Report(f"selftest.{name}")
        with redirect_stdout(io.StringIO()):
            check_text.run(report, path, doc_path)
        expect(any(f"[{expected_rule[name]}]" in f for f in report.failures),
               f"case {name!r}: expected a {expected_rule[name]} failure, got "
               f"{report.failures or 'none'}")


def test_metrics():
    width = ttf_metrics.text_width_pt("Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    expect(140 < width < 180, f"Tiêu ngữ 13 pt bold measures {width:.1f} pt")
    _units, missing = ttf_metrics.face(False, True).width_units("Ảnh hưởng ỹ Ữ đ Đ")
    expect(not missing, f"Liberation Serif lacks {missing}")


def run(samples_dir: str | None) -> int:
    report = Report("selftest")
    with tempfile.TemporaryDirectory(prefix="vanthu-selftest-") as tmp:
        doc_path = os.path.join(tmp, "selftest.xml")
        with open(doc_path, "w", encoding="utf-8") as f:
            f.write(DOC)
        tests = [("formatting", test_formatting), ("labels", test_labels),
                 ("matching", test_matching), ("extraction", lambda: test_extraction(doc_path)),
                 ("metrics", test_metrics), ("text check", lambda: test_text_check(doc_path, tmp))]
        for name, fn in tests:
            try:
                fn()
                report.note(f"ok   {name}")
            except Failed as e:
                report.fail(name, str(e))
            except Exception:
                report.fail(name, traceback.format_exc())
    if samples_dir:
        paths = sorted(glob.glob(os.path.join(samples_dir, "[0-9]*.xml")))  # NN-name.xml documents, not agencies.xml
        if not paths:
            report.note(f"no samples in {samples_dir} yet")
        for path in paths:
            try:
                doc = source_units.load(path)
            except Exception as e:
                report.fail("samples", f"{path}: {type(e).__name__}: {e}")
                continue
            counts = {}
            for u in doc.units:
                counts[u.kind.name] = counts.get(u.kind.name, 0) + 1
            if not doc.units:
                report.fail("samples", f"{path}: no text units")
            report.note(f"{os.path.basename(path)}: {len(doc.units)} units, type {doc.type_key}, "
                        f"{doc.section_count} section(s): " +
                        ", ".join(f"{k} {v}" for k, v in counts.items()))
    return report.finish()


