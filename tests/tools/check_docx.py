#!/usr/bin/python3
"""Real-client checks of one rendered sample (run by ctest, one test per check and sample).

    check_docx.py {ooxml,text,format,libreoffice} --vanthu BIN --sample FILE.xml
                  --shared ../shared --work BUILD/itest
    check_docx.py selftest [--samples DIR]

Each check renders the sample itself with `vanthu render FILE --format docx -o …` into its own
work directory (WORK/<check>/<sample>/), so tests run in parallel. See
tests/integration/README.md for what each check asserts and the approximations it makes.
Must run under Debian's /usr/bin/python3 (python-docx 0.8.11, lxml).
"""
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree

import argparse  # noqa: E402
import os  # noqa: E402

from itest_common import Abort, Report, fresh_dir, main_wrapper, need_modules, need_tools, render_docx  # noqa: E402

need_modules("lxml")  # every check reads XML with it

CHECKS = ("ooxml", "text", "format", "libreoffice")
# What each check runs besides vanthu: missing, the check skips (fails under CI=true).
TOOLS = {
    "ooxml": dict(programs=("xmllint",)),
    "text": dict(modules=("docx",)),
    "format": dict(modules=("docx",)),
    "libreoffice": dict(programs=("soffice", "pdfinfo", "pdftotext", "pdffonts", "pdftoppm"),
                        modules=("docx",)),
}


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("check", choices=CHECKS + ("selftest",))
    ap.add_argument("--vanthu", help="path to the vanthu CLI binary")
    ap.add_argument("--sample", help="the sample document XML to render and check")
    ap.add_argument("--shared", help="the shared/ folder (ooxml-schemas/, reference/)")
    ap.add_argument("--work", help="work root; this test uses WORK/<check>/<sample>/")
    ap.add_argument("--docx", help="check this existing DOCX instead of rendering the sample")
    ap.add_argument("--samples", help="selftest: also extract the text units of DIR/*.xml")
    ap.add_argument("--rule", help="format: run only this check (check_format.CHECKS)")
    args = ap.parse_args(argv)
    if args.check != "selftest":
        missing = [n for n in ("sample", "work") if getattr(args, n) is None]
        if args.docx is None and args.vanthu is None:
            missing.append("vanthu (or --docx)")
        if args.check == "ooxml" and args.shared is None:
            missing.append("shared")
        if missing:
            ap.error("missing --" + ", --".join(missing))
    return args


def main() -> int:
    args = parse_args(sys.argv[1:])
    if args.check == "selftest":
        import selftest
        return selftest.run(args.samples)
    need_tools(**TOOLS[args.check])
    stem = os.path.splitext(os.path.basename(args.sample))[0]
    name = f"{args.check}.{args.rule}" if args.rule else args.check
    report = Report(f"docx.{name}.{stem}")
    work = fresh_dir(os.path.join(os.path.abspath(args.work), name, stem))
    try:
        if args.docx:
            docx_path = os.path.abspath(args.docx)
        else:
            docx_path = render_docx(os.path.abspath(args.vanthu), os.path.abspath(args.sample),
                                    work)
        report.note(f"sample {args.sample}")
        report.note(f"docx   {docx_path}")
        if args.check == "ooxml":
            import check_ooxml
            check_ooxml.run(report, docx_path, os.path.abspath(args.shared), work)
            if not args.docx:  # DEVELOPING.md: same input, same bytes
                again = render_docx(os.path.abspath(args.vanthu), os.path.abspath(args.sample),
                                    fresh_dir(os.path.join(work, "again")))
                check_ooxml.check_deterministic(report, docx_path, again)
        elif args.check == "text":
            import check_text
            check_text.run(report, docx_path, args.sample)
        elif args.check == "format":
            import check_format
            check_format.run(report, docx_path, args.sample, args.rule)
        elif args.check == "libreoffice":
            import check_libreoffice
            check_libreoffice.run(report, docx_path, args.sample, work)
    except Abort as e:
        report.fail(args.check, str(e))
    return report.finish()


if __name__ == "__main__":
    main_wrapper(main)
