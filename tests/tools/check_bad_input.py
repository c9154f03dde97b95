#!/usr/bin/python3
"""Bad inputs through the real CLI (one ctest test per case: bad_input.<case>).

    check_bad_input.py CASE --vanthu BIN --work BUILD/itest
    check_bad_input.py --list

Each case writes its input into WORK/bad_input/<case>/ and runs `vanthu check FILE` and
`vanthu render FILE --format docx -o OUT/out.docx`. A bad input must exit 2, print at least one
`FILE:LINE:COL: field: message` line on stderr, and leave nothing in OUT (no output file, no
*.tmp-* file). `internal_fault` points VANTHU_DATA_DIR at an empty folder: render must exit 1
and leave nothing. `valid_control` renders the unmodified base document, which must succeed, so
the other cases fail only for their own fault.
"""
import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402

from itest_common import Abort, Report, decode, fresh_dir, main_wrapper, run  # noqa: E402

BASE = """<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:vanthu:document:1" type="quyet-dinh">
  <code number="15" notation="QĐ-BTP"/>
  <issuer abbreviation="BTP">BỘ TƯ PHÁP</issuer>
  <place>Hà Nội</place>
  <issueDate>2020-03-05</issueDate>
  <subject>Về việc kiểm thử đầu vào không hợp lệ</subject>
  <authority>BỘ TRƯỞNG BỘ TƯ PHÁP</authority>
  <legalBasis>
    <basis>Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư.</basis>
  </legalBasis>
  <body>
    <article number="1"><text>Quyết định này có hiệu lực thi hành kể từ ngày ký.</text></article>
    <!--PADDING-->
  </body>
  <signature>
    <capacity kind="KT">BỘ TRƯỞNG</capacity>
    <position>THỨ TRƯỞNG</position>
    <name>Nguyễn Văn An</name>
  </signature>
  <recipients>
    <recipient>Các đơn vị thuộc Bộ</recipient>
    <archive><unit>VT</unit><unit>VP</unit></archive>
  </recipients>
</document>
"""

SIZE_CAP = 2 * 1024 * 1024


def base() -> bytes:
    return BASE.encode("utf-8")


def replace(old: str, new: str) -> bytes:
    text = BASE
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")


def over_size_cap() -> bytes:
    """A valid document of about 3 MiB: only its size is wrong."""
    para = ("    <p>Đoạn văn bản dùng để làm tệp vượt quá giới hạn kích thước đầu vào, "
            "nội dung lặp lại nhiều lần.</p>\n")
    count = (3 * 1024 * 1024) // len(para.encode("utf-8")) + 1
    data = BASE.replace("<!--PADDING-->", para * count).encode("utf-8")
    assert len(data) > SIZE_CAP + 512 * 1024
    return data


def invalid_utf8() -> bytes:
    """A lone continuation-less lead byte (C3 28) and FF, which never occur in UTF-8."""
    data = base().replace("kiểm thử".encode("utf-8"), b"ki\xc3(m th\xff", 1)
    assert data != base()
    return data


BILLION_LAUGHS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE document [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""

XXE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE document [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
"""


def with_prolog(prolog: str, subject_text: str) -> bytes:
    body = BASE.split("\n", 1)[1]  # drop the XML declaration; the prolog has its own
    body = body.replace("<subject>Về việc kiểm thử đầu vào không hợp lệ</subject>",
                        f"<subject>{subject_text}</subject>", 1)
    return (prolog + body).encode("utf-8")


# case → (input bytes, what it exercises)
CASES = {
    "valid_control": (base, "the unmodified base document renders (control)"),
    "malformed_xml": (lambda: replace("</subject>", "</subjct>"), "mismatched end tag"),
    "doctype_external_entity": (lambda: with_prolog(XXE, "&xxe;"),
                                "DOCTYPE with an external entity (XXE)"),
    "entity_amplification": (lambda: with_prolog(BILLION_LAUGHS, "&lol9;"),
                             "billion laughs"),
    "invalid_utf8": (invalid_utf8, "bytes that are not UTF-8 in the subject"),
    "impossible_date_month": (lambda: replace("2020-03-05", "2018-13-45"), "issueDate 2018-13-45"),
    "impossible_date_feb30": (lambda: replace("2020-03-05", "2019-02-30"), "issueDate 2019-02-30"),
    "unknown_type": (lambda: replace('type="quyet-dinh"', 'type="quyet-dinh-moi"'),
                     "a document type outside the Decree 30 list"),
    "missing_required": (lambda: replace('  <issuer abbreviation="BTP">BỘ TƯ PHÁP</issuer>\n', ""),
                         "no <issuer>"),
    "over_size_cap": (over_size_cap, "a 3 MiB file (the cap is 2 MiB)"),
    "empty_file": (lambda: b"", "an empty file"),
    "internal_fault": (base, "VANTHU_DATA_DIR points at an empty folder: templates missing"),
}


def leftovers(out_dir: str) -> list[str]:
    return sorted(os.listdir(out_dir))


def check_diagnostics(report: Report, what: str, path: str, stderr: str) -> None:
    pattern = re.compile(rf"^{re.escape(path)}:\d+:\d+: \S+: .+$")
    good = [ln for ln in stderr.splitlines() if pattern.match(ln)]
    if not good:
        report.fail(what, f"no stderr line matches «FILE:LINE:COL: field: message» "
                    f"(FILE = {path}); stderr was:\n{stderr.rstrip() or '(empty)'}")
    else:
        report.note(f"{what}: {good[0]}")
        m = re.match(rf"^{re.escape(path)}:(\d+):(\d+): (\S+): ", good[0])
        if m and (m.group(1) == "0" or m.group(2) == "0"):
            report.note(f"WARNING {what}: location {m.group(1)}:{m.group(2)}: lines and columns "
                        "count from 1 (GNU convention); 0 points nowhere in an editor")
        if m and m.group(3) == path:
            report.note(f"WARNING {what}: the field slot holds the file name again")


def run_case(report: Report, name: str, vanthu: str, work: str) -> None:
    make, about = CASES[name]
    report.note(f"case {name}: {about}")
    case_dir = fresh_dir(os.path.join(work, "bad_input", name))
    path = os.path.join(case_dir, "input.xml")
    with open(path, "wb") as f:
        f.write(make())
    out_dir = os.path.join(case_dir, "out")
    os.makedirs(out_dir)
    out = os.path.join(out_dir, "out.docx")
    env = dict(os.environ)

    if name == "internal_fault":
        empty = os.path.join(case_dir, "empty-data-dir")
        os.makedirs(empty)
        env["VANTHU_DATA_DIR"] = empty
        proc = run([vanthu, "render", path, "--format", "docx", "-o", out], timeout=60, env=env)
        stderr = decode(proc.stderr)
        report.note(f"render: exit {proc.returncode}; stderr: {stderr.strip()[:300]}")
        if proc.returncode != 1:
            report.fail("render", f"exit {proc.returncode}, expected 1 (internal fault)")
        if not stderr.strip():
            report.fail("render", "no message on stderr")
        if leftovers(out_dir):
            report.fail("render", f"left files in the output folder: {leftovers(out_dir)}")
        return

    proc = run([vanthu, "check", path], timeout=60, env=env)
    stderr = decode(proc.stderr)
    if name == "valid_control":
        if proc.returncode != 0:
            report.fail("check", f"the base document must be valid: exit {proc.returncode}\n"
                        f"{stderr.rstrip()}")
    else:
        if proc.returncode != 2:
            report.fail("check", f"exit {proc.returncode}, expected 2; stderr:\n{stderr.rstrip()}")
        check_diagnostics(report, "check", path, stderr)
    leak_check(report, "check", proc)

    proc = run([vanthu, "render", path, "--format", "docx", "-o", out], timeout=60, env=env)
    stderr = decode(proc.stderr)
    left = leftovers(out_dir)
    if name == "valid_control":
        if proc.returncode != 0:
            report.fail("render", f"exit {proc.returncode}\n{stderr.rstrip()}")
        if left != ["out.docx"]:
            report.fail("render", f"output folder holds {left}, expected ['out.docx']")
        return
    if proc.returncode != 2:
        report.fail("render", f"exit {proc.returncode}, expected 2; stderr:\n{stderr.rstrip()}")
    check_diagnostics(report, "render", path, stderr)
    if left:
        report.fail("render", f"left files in the output folder: {left} (an invalid input must "
                    "write nothing, not even *.tmp-*)")
    leak_check(report, "render", proc)


def leak_check(report: Report, what: str, proc) -> None:
    """The external entity must never be resolved: no /etc/passwd content in any output."""
    text = decode(proc.stdout) + decode(proc.stderr)
    if re.search(r"root:[^:\n]*:0:0:", text):
        report.fail(what, "the output shows /etc/passwd content: the external entity was resolved")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("case", nargs="?", choices=sorted(CASES))
    ap.add_argument("--vanthu")
    ap.add_argument("--work")
    ap.add_argument("--list", action="store_true", help="print the case names")
    args = ap.parse_args()
    if args.list:
        print("\n".join(CASES))
        return 0
    if not (args.case and args.vanthu and args.work):
        ap.error("CASE, --vanthu and --work are required")
    vanthu = os.path.abspath(args.vanthu)
    if not os.access(vanthu, os.X_OK):
        raise Abort(f"vanthu binary not found: {vanthu}")
    report = Report(f"bad_input.{args.case}")
    try:
        run_case(report, args.case, vanthu, os.path.abspath(args.work))
    except Abort as e:
        report.fail(args.case, str(e))
    return report.finish()


if __name__ == "__main__":
    main_wrapper(main)
