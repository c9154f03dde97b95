#!/usr/bin/python3
"""`vanthu import` on the real documents of shared/seeds, through the real CLI.

    check_import.py --vanthu BIN --shared ../shared --schema schemas/document.xsd --work BUILD/itest

For each seed: import exits 0 and prints the output path; the XML validates with xmllint against
schemas/document.xsd (a client that is not ours); `vanthu render` turns it into a DOCX. Seed 001
has no header: without --issuer the import must exit 2 with a located error naming --issuer and
write nothing; with --issuer it succeeds. A file that is not UTF-8 must exit 2 and write nothing.
"""
import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402

from itest_common import Report, decode, fresh_dir, main_wrapper, need_program, run  # noqa: E402

SEEDS = {
    "000_c171bc028f1f49ab.txt": [],
    "001_2aaa0c9bda4fb7e6.txt": ["--issuer", "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "--abbreviation", "UBND"],
    "003_915e936f9a6a9a85.txt": [],
}
ERROR_LINE = re.compile(r"^\S+:\d+:\d+: \S+: .+$", re.M)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vanthu", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--schema", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    report = Report("import.seeds")
    work = fresh_dir(os.path.join(os.path.abspath(a.work), "import"))
    xmllint = need_program("xmllint")
    for seed, options in SEEDS.items():
        src = os.path.join(a.shared, "seeds", seed)
        out = os.path.join(work, seed.replace(".txt", ".xml"))
        p = run([a.vanthu, "import", src, "-o", out] + options)
        if p.returncode != 0 or not os.path.isfile(out):
            report.fail("import", f"{seed}: exit {p.returncode}, stderr: {decode(p.stderr)[:2000]}")
            continue
        notes = decode(p.stderr).count("ghi chú/note")
        report.note(f"{seed}: imported, {notes} note(s)")
        v = run([xmllint, "--noout", "--nonet", "--schema", a.schema, out])
        if v.returncode != 0:
            report.fail("xmllint", f"{seed}: {decode(v.stderr)[:2000]}")
        docx = out.replace(".xml", ".docx")
        r = run([a.vanthu, "render", out, "--format", "docx", "-o", docx])
        if r.returncode != 0 or not os.path.isfile(docx):
            report.fail("render", f"{seed}: exit {r.returncode}: {decode(r.stderr)[:1000]}")

    # Missing issuer: an error that says which option supplies it, and no file.
    out = os.path.join(work, "no-issuer.xml")
    p = run([a.vanthu, "import", os.path.join(a.shared, "seeds", "001_2aaa0c9bda4fb7e6.txt"), "-o", out])
    err = decode(p.stderr)
    if p.returncode != 2:
        report.fail("missing_issuer", f"exit {p.returncode}, expected 2")
    if "--issuer" not in err or not ERROR_LINE.search(err):
        report.fail("missing_issuer", f"no located error naming --issuer: {err[:500]}")
    if os.path.exists(out):
        report.fail("missing_issuer", "an output file was written")

    # Not UTF-8: refused, nothing written.
    bad = os.path.join(work, "latin1.txt")
    with open(bad, "wb") as f:
        f.write("Số: 01/QĐ-BTP\n".encode("utf-8") + b"\xe9t\xe9\n")
    out = os.path.join(work, "latin1.xml")
    p = run([a.vanthu, "import", bad, "-o", out])
    if p.returncode != 2 or os.path.exists(out) or "UTF-8" not in decode(p.stderr):
        report.fail("invalid_utf8", f"exit {p.returncode}, stderr {decode(p.stderr)[:300]}")
    leftovers = [n for n in os.listdir(work) if ".tmp-" in n]
    if leftovers:
        report.fail("atomic", f"temporary files left: {leftovers}")
    return report.finish()


if __name__ == "__main__":
    main_wrapper(main)
