"""Matching source text units (source_units.py) against rendered paragraphs.

A unit matches a paragraph when the paragraph's text equals the unit's text after the allowed
transformations ONLY (tests/integration/README.md):
  * a label prefix that compose adds ("Điều 3. ", "1. ", "a) ", "I. ", "1.1. ", "- ",
    "Chương I", "Kính gửi: ") — only for kinds that carry labels;
  * upper case — only for kinds whose role is printed upper-case (compared with casefold);
  * the terminal ";" / "." / "," of căn cứ lines, addressees and recipient items;
  * whitespace collapsing (already done by norm()).
Long organ names and subjects may also be wrapped over consecutive paragraphs of the same role.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from source_units import Unit, norm

LABEL_RE = re.compile(
    r"^(?:"
    r"Điều\s+\d+[a-zđ]?\."                                    # Điều 3.
    r"|(?:Phần|PHẦN)\s+(?:thứ\s+\S+|[IVXLCDM]+|\d+)\.?"       # Phần I / Phần thứ nhất
    r"|(?:Chương|CHƯƠNG)\s+(?:[IVXLCDM]+|\d+)\.?"              # Chương II
    r"|(?:Tiểu mục|TIỂU MỤC|Mục|MỤC)\s+\d+\.?"                # Mục 1
    r"|[IVXLCDM]+\."                                          # I.
    r"|[A-ZĐ]\."                                              # A.  (plan parts)
    r"|\d+(?:\.\d+)*\.?(?=\s)"                                # 1.  1.1.  2.4.1
    r"|[a-zđ]\)"                                              # a)  đ)
    r"|[-–+•]"                                                # - bullet
    r"|Kính gửi:"
    r")\s*")

TERMINAL = re.compile(r"\s*[;.,:]\s*$")


def strip_label(text: str) -> str | None:
    m = LABEL_RE.match(text)
    if m and m.end() < len(text):
        return text[m.end():]
    return None


def strip_terminal(text: str) -> str:
    return TERMINAL.sub("", text)


@dataclass
class Para:
    """One rendered paragraph, as the checks see it (DOCX paragraph or PDF line group)."""
    index: int
    role: str | None
    text: str        # norm()-alised
    where: str       # "body ¶12", "table 1 row 1 cell 2 ¶1"
    container: object = None   # paragraphs in the same container may be joined (wrapped names)

    def describe(self) -> str:
        short = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return f"¶{self.index} [{self.role or 'no style'}] ({self.where}) «{short}»"


@dataclass
class Candidate:
    paras: list[Para]
    text: str

    @property
    def roles(self) -> set:
        return {p.role for p in self.paras}

    def describe(self) -> str:
        if len(self.paras) == 1:
            return self.paras[0].describe()
        return " + ".join(p.describe() for p in self.paras)


def candidates(paras: list[Para], max_join: int = 4) -> list[Candidate]:
    """Every paragraph alone, plus runs of 2…max_join consecutive same-role paragraphs."""
    out = [Candidate([p], p.text) for p in paras if p.text]
    for i, p in enumerate(paras):
        if not p.text:
            continue
        group = [p]
        for nxt in paras[i + 1:i + max_join]:
            if nxt.role != p.role or nxt.container is not p.container or not nxt.text:
                break
            group = group + [nxt]
            out.append(Candidate(list(group), " ".join(x.text for x in group)))
    return out


def _forms(text: str, unit: Unit) -> list[str]:
    forms = [text]
    if unit.kind.label:
        stripped = strip_label(text)
        if stripped is not None:
            forms.append(stripped)
    if unit.kind.punct:
        forms += [strip_terminal(f) for f in forms]
    return forms


def _equal(a: str, b: str, upper: bool) -> bool:
    return a == b or (upper and a.casefold() == b.casefold())


def _contained(unit: Unit, text: str) -> bool:
    """The unit is a whole item of the paragraph: bounded by start/':'/','/space before and by
    end/','/';'/'.'/space/'(' after ("- Lưu: VT, QLXLVPHC&TDTHPL (02).", "PL.(300)")."""
    flags = re.IGNORECASE if unit.kind.upper else 0
    return re.search(rf"(?:^|(?<=[:,\s])){re.escape(unit.text)}(?=$|[,;.\s(])", text,
                     flags) is not None


def text_matches(unit: Unit, text: str) -> bool:
    if unit.kind.contained:
        return _contained(unit, text)
    if unit.pattern is not None and unit.pattern.fullmatch(text):
        return True
    target = strip_terminal(unit.text) if unit.kind.punct else unit.text
    return any(_equal(f, target, unit.kind.upper) for f in _forms(text, unit))


@dataclass
class UnitResult:
    unit: Unit
    matches: list[Candidate] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.matches)

    @property
    def role_ok(self) -> bool:
        return any(c.roles <= self.unit.kind.roles for c in self.matches)


def match_units(units: list[Unit], paras: list[Para]) -> list[UnitResult]:
    cands = candidates(paras)
    singles = [c for c in cands if len(c.paras) == 1]
    results = []
    for unit in units:
        pool = cands if unit.kind.split else singles
        results.append(UnitResult(unit, [c for c in pool if text_matches(unit, c.text)]))
    return results


def lossy(text: str) -> str:
    """The text as a Latin-1/WinAnsi pipeline would print it: non-ASCII letters as '?'."""
    return re.sub(r"[^\x00-\x7f]", "?", text)


def diagnose_miss(unit: Unit, paras: list[Para]) -> str:
    """A hint for a unit that no paragraph matched: the closest paragraph and why."""
    target = unit.text
    q = lossy(target)
    for p in paras:
        if q != target and (q in p.text or q.casefold() in p.text.casefold()):
            return f"Vietnamese letters replaced by '?' in {p.describe()}"
    for p in paras:
        if target.casefold() in p.text.casefold():
            return f"contained in a longer paragraph (extra text around it): {p.describe()}"
    best, best_score = None, 0.0
    tokens = set(target.casefold().split())
    for p in paras:
        other = set(p.text.casefold().split())
        if not tokens or not other:
            continue
        score = len(tokens & other) / len(tokens | other)
        if score > best_score:
            best, best_score = p, score
    if best is not None and best_score >= 0.5:
        return f"closest ({best_score:.0%} of words shared): {best.describe()}"
    return "no paragraph shares most of its words"


def whitespace_free(text: str) -> str:
    return re.sub(r"\s+", "", text)


__all__ = ["Para", "Candidate", "UnitResult", "match_units", "diagnose_miss", "strip_label",
           "strip_terminal", "lossy", "norm", "whitespace_free", "text_matches"]
