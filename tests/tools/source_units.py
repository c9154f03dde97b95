"""Text units of a sample document XML (schemas/document.xsd), the oracle for the text checks.

A *text unit* is one piece of source text that must come out as (part of) one paragraph of the
rendered document: the subject, each căn cứ line, each body paragraph, the signer's name, each
recipient... Each unit carries its kind, which says which transformations compose may apply
(label prefix, upper case, terminal punctuation) and which paragraph styles (Role names) may hold
it. All text is NFC with whitespace collapsed, as compose prints it.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

NS = "urn:vanthu:document:1"


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def norm(text: str) -> str:
    """NFC, then every run of whitespace (incl. NBSP, tabs, line breaks) as one space, trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


# Type key → Vietnamese type name (decree-30-2020.md §5). Công văn and thư công print no type name.
TYPE_NAMES = {
    "nghi-quyet": "Nghị quyết", "quyet-dinh": "Quyết định", "chi-thi": "Chỉ thị",
    "quy-che": "Quy chế", "quy-dinh": "Quy định", "thong-cao": "Thông cáo",
    "thong-bao": "Thông báo", "huong-dan": "Hướng dẫn", "chuong-trinh": "Chương trình",
    "ke-hoach": "Kế hoạch", "phuong-an": "Phương án", "de-an": "Đề án", "du-an": "Dự án",
    "bao-cao": "Báo cáo", "bien-ban": "Biên bản", "to-trinh": "Tờ trình", "hop-dong": "Hợp đồng",
    "cong-dien": "Công điện", "ban-ghi-nho": "Bản ghi nhớ", "ban-thoa-thuan": "Bản thỏa thuận",
    "giay-uy-quyen": "Giấy ủy quyền", "giay-moi": "Giấy mời", "giay-gioi-thieu": "Giấy giới thiệu",
    "giay-nghi-phep": "Giấy nghỉ phép", "phieu-gui": "Phiếu gửi", "phieu-chuyen": "Phiếu chuyển",
    "phieu-bao": "Phiếu báo",
}
NO_TYPE_NAME = {"cong-van", "thu-cong"}

BODY_ROLES = {"Body", "Article", "Clause", "Point", "Bullet"}
HEADING_ROLES = {"Heading1", "Heading2", "Heading3", "Heading4"}
DIVISION_TITLE_ROLES = {"PartTitle", "ChapterTitle", "SectionTitle"}
SIGNER_BLOCK_ROLES = {"SignerAuthority", "SignerPosition"}

# Kinds. Each: roles that may hold it, whether compose may upper-case it, whether a label prefix
# may be added, whether terminal punctuation may differ, whether it may be wrapped over several
# consecutive paragraphs of the same role (long organ names, subjects).
@dataclass(frozen=True)
class Kind:
    name: str
    roles: frozenset
    upper: bool = False
    label: bool = False
    punct: bool = False
    split: bool = False
    contained: bool = False  # the unit is one item inside a longer paragraph (archive units…)


def _kind(name, roles, **kw):
    return Kind(name, frozenset(roles), **kw)


KINDS = {k.name: k for k in [
    _kind("parentIssuer", {"ParentOrgan"}, upper=True, split=True),
    _kind("issuer", {"Issuer"}, upper=True, split=True),
    _kind("number", {"Number"}),
    _kind("placeDate", {"PlaceDate"}),
    _kind("typeName", {"TypeName"}, upper=True),
    _kind("subject", {"Subject"}, split=True),
    _kind("congVanSubject", {"CongVanSubject"}, split=True),
    _kind("authority", {"AuthorityLine"}, upper=True, split=True),
    _kind("basis", {"LegalBasis"}, punct=True),
    _kind("addressee", {"Addressee"}, label=True, punct=True),
    _kind("divisionTitle", DIVISION_TITLE_ROLES, upper=True, label=True, split=True),
    _kind("articleTitle", {"Article"}, label=True),
    _kind("articleText", {"Article", "Body"}, label=True),
    _kind("clauseTitle", {"Clause"}, label=True),
    _kind("clauseText", {"Clause", "Body"}, label=True),
    _kind("pointText", {"Point"}, label=True),
    _kind("headingTitle", HEADING_ROLES, upper=True, label=True),
    _kind("p", BODY_ROLES),
    _kind("bullet", {"Bullet", "Body"}, label=True),
    _kind("cell", {"TableText"}),
    _kind("capacity", SIGNER_BLOCK_ROLES, upper=True, split=True),
    _kind("position", SIGNER_BLOCK_ROLES, upper=True, split=True),
    _kind("otherTitle", {"SignerOtherTitle"}, upper=True),
    _kind("signerName", {"SignerName"}),
    _kind("recipient", {"RecipientItem"}, label=True, punct=True),
    _kind("archiveUnit", {"RecipientItem"}, contained=True),
    _kind("drafter", {"DrafterMark", "RecipientItem"}, contained=True),
    _kind("appendixLabel", {"AppendixLabel"}),
    _kind("appendixTitle", {"AppendixTitle"}, upper=True, split=True),
    _kind("contact", {"Contact"}, contained=True),
]}


@dataclass
class Unit:
    kind: Kind
    text: str                 # NFC, whitespace collapsed
    where: str                # "line 42 <basis>"
    # Extra accepted forms of the whole paragraph (after whitespace collapsing), e.g. the
    # "- Như Điều 3 (để thực hiện);" line. Compared like text.
    pattern: re.Pattern | None = None
    part: str = "main"        # "main", "attachment 1", "appendix II"…

    def describe(self) -> str:
        short = self.text if len(self.text) <= 90 else self.text[:87] + "…"
        return f"{self.kind.name} ({self.where}, {self.part}): «{short}»"


@dataclass
class SourceDocument:
    path: str
    type_key: str
    units: list[Unit] = field(default_factory=list)
    issue_date: _dt.date | None = None
    place: str = ""
    number: int | None = None
    year: str | None = None      # legal-normative documents: 14/2024/QĐ-UBND
    notation: str = ""
    urgency: str | None = None
    secrecy: str | None = None
    circulation: str | None = None
    appendix_count: int = 0      # appendices of the main document and of attachments
    landscape: list = field(default_factory=lambda: [False])  # per DOCX section, in order
    attachment_count: int = 0
    signer_names: list[str] = field(default_factory=list)
    has_recipients: bool = False
    has_legal_basis: bool = False

    @property
    def is_cong_van(self) -> bool:
        return self.type_key == "cong-van"

    @property
    def section_count(self) -> int:
        return 1 + self.appendix_count + self.attachment_count


def inline_text(el) -> str:
    """Text of a mixed-content element (<b>/<i>/<u> flattened), comments skipped."""
    parts = []

    def walk(e):
        if e.text:
            parts.append(e.text)
        for child in e:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return norm("".join(parts))


def format_date(d: _dt.date) -> str:
    """decree-30-2020.md §4: day 01–09 padded; months 1 and 2 written 01, 02; 3–12 unpadded."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def format_number(n: int) -> str:
    """§4 / §10 rule 6: numbers below 10 get a leading zero."""
    return f"{n:02d}"


ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    out = ""
    for value, sym in ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


class _Extractor:
    def __init__(self, doc: SourceDocument):
        self.doc = doc
        self.part = "main"

    def add(self, kind: str, text: str, el, pattern: re.Pattern | None = None):
        text = norm(text)
        if not text:
            return
        tag = etree.QName(el).localname if isinstance(el.tag, str) else "?"
        self.doc.units.append(Unit(KINDS[kind], text, f"line {el.sourceline} <{tag}>", pattern,
                                   self.part))

    def child(self, el, tag):
        return el.find(q(tag))

    def children(self, el, tag):
        return el.findall(q(tag))

    # ----- the document -----
    def document(self, root):
        d = self.doc
        d.type_key = root.get("type", "")
        d.urgency = root.get("urgency")
        d.secrecy = root.get("secrecy")
        d.circulation = root.get("circulation")
        code = self.child(root, "code")
        if code is not None:
            d.notation = code.get("notation", "")
            if code.get("number"):
                d.number = int(code.get("number"))
            d.year = code.get("year")
            self.number_unit(code)
        parent = self.child(root, "parentIssuer")
        if parent is not None:
            self.add("parentIssuer", inline_text(parent), parent)
        issuer = self.child(root, "issuer")
        if issuer is not None:
            self.add("issuer", inline_text(issuer), issuer)
        place = self.child(root, "place")
        issue_date = self.child(root, "issueDate")
        if issue_date is not None and issue_date.text:
            d.issue_date = _dt.date.fromisoformat(issue_date.text.strip())
        if place is not None:
            d.place = inline_text(place)
            self.place_date_unit(place)
        self.type_name_unit(d.type_key, root)
        subject = self.child(root, "subject")
        if subject is not None:
            if d.is_cong_van:  # stored without "V/v"; compose prints it (§2 ô 5b)
                self.add("congVanSubject", "V/v " + inline_text(subject), subject)
            else:
                self.add("subject", inline_text(subject), subject)
        authority = self.child(root, "authority")
        if authority is not None:
            self.add("authority", inline_text(authority), authority)
        basis = self.child(root, "legalBasis")
        if basis is not None:
            d.has_legal_basis = True
            for b in self.children(basis, "basis"):
                self.add("basis", inline_text(b), b)
        addressees = self.child(root, "addressees")
        if addressees is not None:
            for a in self.children(addressees, "addressee"):
                self.add("addressee", inline_text(a), a)
        body = self.child(root, "body")
        if body is not None:
            self.body(body)
        for sig in self.children(root, "signature"):
            self.signature(sig)
        recipients = self.child(root, "recipients")
        if recipients is not None:
            d.has_recipients = True
            self.recipients(recipients)
        appendices = self.children(root, "appendix")
        for i, app in enumerate(appendices, 1):
            self.appendix(app, i, len(appendices))
        for i, att in enumerate(self.children(root, "attachment"), 1):
            self.attachment(att, i)
        contact = self.child(root, "contact")
        if contact is not None:
            for attr in ("address", "phone", "fax", "email", "website"):
                if contact.get(attr):
                    self.add("contact", contact.get(attr), contact)

    def number_unit(self, code):
        d = self.doc
        notation = re.escape(norm(code.get("notation", "")))
        year = code.get("year")
        year_part = re.escape(year) + "/" if year else ""
        if d.number is not None:
            text = f"Số: {format_number(d.number)}/{year + '/' if year else ''}{norm(d.notation)}"
            self.add("number", text, code)
        else:  # a draft: "Số:      /QĐ-BTP" (blank or dotted number)
            self.add("number", f"Số: /{d.notation}", code,
                     re.compile(rf"Số:[\s.…_]*/{year_part}{notation}"))

    def place_date_unit(self, place):
        d = self.doc
        if d.issue_date is not None:
            self.add("placeDate", f"{d.place}, {format_date(d.issue_date)}", place)
        else:  # a draft: "Hà Nội, ngày    tháng    năm 20.."
            self.add("placeDate", f"{d.place}, ngày tháng năm", place,
                     re.compile(re.escape(d.place) + r",\s*ngày[\s.…]*tháng[\s.…]*năm\b.*"))

    def type_name_unit(self, type_key, el):
        if type_key in TYPE_NAMES:
            name = TYPE_NAMES[type_key]
            # "Bản thỏa thuận" may be printed with the old-style "thoả"
            old_style = name.replace("ỏa", "oả")
            pattern = re.compile(re.escape(old_style.upper())) if old_style != name else None
            self.add("typeName", name, el, pattern)

    # ----- body -----
    def body(self, body):
        for el in body:
            if isinstance(el.tag, str):
                self.structure(el)

    def structure(self, el):
        tag = etree.QName(el).localname
        if tag in ("part", "chapter", "section", "subsection"):
            title = self.child(el, "title")
            if title is not None:
                self.add("divisionTitle", inline_text(title), title)
            for c in el:
                if isinstance(c.tag, str) and etree.QName(c).localname != "title":
                    self.structure(c)
        elif tag == "article":
            self.numbered(el, "articleTitle", "articleText")
        elif tag == "clause":
            self.numbered(el, "clauseTitle", "clauseText")
        elif tag == "point":
            text = self.child(el, "text")
            if text is not None:
                self.add("pointText", inline_text(text), text)
            for c in el:
                if isinstance(c.tag, str) and etree.QName(c).localname != "text":
                    self.structure(c)
        elif tag == "heading":
            title = self.child(el, "title")
            if title is not None:
                self.add("headingTitle", inline_text(title), title)
            for c in el:
                if isinstance(c.tag, str) and etree.QName(c).localname != "title":
                    self.structure(c)
        elif tag == "p":
            self.add("p", inline_text(el), el)
        elif tag == "bullet":
            self.add("bullet", inline_text(el), el)
        elif tag == "table":
            for row in self.children(el, "row"):
                for cell in self.children(row, "cell"):
                    self.add("cell", inline_text(cell), cell)
        else:
            raise ValueError(f"line {el.sourceline}: unexpected element <{tag}> in a body")

    def numbered(self, el, title_kind, text_kind):
        title = self.child(el, "title")
        text = self.child(el, "text")
        if title is not None:
            self.add(title_kind, inline_text(title), title)
        if text is not None:
            self.add(text_kind, inline_text(text), text)
        for c in el:
            if isinstance(c.tag, str) and etree.QName(c).localname not in ("title", "text"):
                self.structure(c)

    # ----- signature, recipients -----
    def signature(self, sig):
        for cap in self.children(sig, "capacity"):
            kind = cap.get("kind")
            text = inline_text(cap)
            self.add("capacity", f"{kind}. {text}" if kind else text, cap)
        for tag, kind in (("position", "position"), ("otherTitle", "otherTitle"),
                          ("name", "signerName")):
            el = self.child(sig, tag)
            if el is not None:
                self.add(kind, inline_text(el), el)
                if tag == "name":
                    self.doc.signer_names.append(inline_text(el))

    def recipients(self, recipients):
        for el in recipients:
            if not isinstance(el.tag, str):
                continue
            tag = etree.QName(el).localname
            purpose = norm(el.get("purpose", ""))
            if tag == "asAbove":
                self.add("recipient", self.with_purpose("Như trên", purpose), el)
            elif tag == "asArticle":
                self.add("recipient", self.with_purpose(f"Như Điều {el.get('article')}", purpose),
                         el)
            elif tag == "recipient":
                self.add("recipient", self.with_purpose(inline_text(el), purpose), el)
            elif tag == "archive":
                for unit in self.children(el, "unit"):
                    self.add("archiveUnit", inline_text(unit), unit)
                if el.get("drafter"):
                    self.add("drafter", el.get("drafter"), el)

    @staticmethod
    def with_purpose(name: str, purpose: str) -> str:
        if not purpose:
            return name
        if purpose.startswith("(") and purpose.endswith(")"):
            return f"{name} {purpose}"
        return f"{name} ({purpose})"

    # ----- appendices, attachments -----
    def appendix(self, app, index, count):
        saved = self.part
        number = app.get("number") or (roman(index) if count > 1 else "")
        self.part = f"{saved} / appendix {number or index}" if saved != "main" else \
            f"appendix {number or index}"
        self.doc.appendix_count += 1
        self.doc.landscape.append(app.get("orientation") == "landscape")
        label = f"Phụ lục {number}".strip()
        self.add("appendixLabel", label, app,
                 re.compile(rf"PHỤ LỤC\s*{re.escape(number)}|Phụ lục\s*{re.escape(number)}"))
        title = self.child(app, "title")
        if title is not None:
            self.add("appendixTitle", inline_text(title), title)
        body = self.child(app, "body")
        if body is not None:
            self.body(body)
        self.part = saved

    def attachment(self, att, index):
        saved = self.part
        self.part = f"attachment {index}"
        self.doc.attachment_count += 1
        self.doc.landscape.append(False)
        self.type_name_unit(att.get("type", ""), att)
        subject = self.child(att, "subject")
        if subject is not None:
            self.add("subject", inline_text(subject), subject)
        body = self.child(att, "body")
        if body is not None:
            self.body(body)
        sig = self.child(att, "signature")
        if sig is not None:
            self.signature(sig)
        appendices = self.children(att, "appendix")
        for i, app in enumerate(appendices, 1):
            self.appendix(app, i, len(appendices))
        self.part = saved


def parse_xml_bytes(data: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True, remove_pis=True, huge_tree=False)
    return etree.fromstring(data, parser)


def load(path: str) -> SourceDocument:
    with open(path, "rb") as f:
        root = parse_xml_bytes(f.read())
    if root.tag != q("document"):
        raise ValueError(f"{path}: root element is {root.tag}, expected {{{NS}}}document")
    doc = SourceDocument(path=path, type_key="")
    _Extractor(doc).document(root)
    return doc
