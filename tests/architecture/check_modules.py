#!/usr/bin/python3
"""The module table is the law: every #include under src/ and every target_link_libraries of
src/*/CMakeLists.txt must follow tests/architecture/modules.txt, and that file must say what
../shared/DESIGN.md's module table says.

usage: check_modules.py <repo root> [<DESIGN.md>]   (exit 1 and one line per breach)
"""
import re
import sys
from pathlib import Path

# Which include names a C library (or Poco part); checked before the module rule.
LIBRARY_INCLUDES = [
    (re.compile(r"^unicode/"), "icu"),
    (re.compile(r"^libxml/"), "libxml2"),
    (re.compile(r"^(ft2build\.h|freetype/)"), "freetype"),
    (re.compile(r"^hb(-[a-z0-9-]+)?\.hh?$"), "harfbuzz"),
    (re.compile(r"^sqlite3\.h$"), "sqlite3"),
    (re.compile(r"^libpq-fe\.h$"), "libpq"),
    (re.compile(r"^openssl/"), "openssl"),
    (re.compile(r"^zlib\.h$"), "zlib"),
    (re.compile(r"^argon2\.h$"), "argon2"),
    (re.compile(r"^kainjow/"), "mustache"),
    (re.compile(r"^Poco/Net/"), "poco-net"),
    (re.compile(r"^Poco/JSON/"), "poco-json"),
    (re.compile(r"^Poco/Data/"), "poco-data"),
    (re.compile(r"^Poco/"), "poco-foundation"),
]
# CMake link items that name a C library (or Poco part).
LIBRARY_TARGETS = {
    "ICU::uc": "icu", "ICU::i18n": "icu", "ICU::data": "icu", "LibXml2::LibXml2": "libxml2",
    "Freetype::Freetype": "freetype", "PkgConfig::HB": "harfbuzz", "PkgConfig::HBSUBSET": "harfbuzz",
    "SQLite::SQLite3": "sqlite3", "PostgreSQL::PostgreSQL": "libpq", "OpenSSL::Crypto": "openssl",
    "OpenSSL::SSL": "openssl", "ZLIB::ZLIB": "zlib", "PkgConfig::ARGON2": "argon2", "Poco::Net": "poco-net", "Poco::JSON": "poco-json",
    "Poco::Data": "poco-data", "Poco::DataSQLite": "poco-data", "Poco::DataPostgreSQL": "poco-data",
    "Poco::Foundation": "poco-foundation", "Poco::Util": "poco-foundation", "Poco::XML": "poco-foundation",
}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


class Table:
    def __init__(self, path):
        self.order, self.deps, self.libs, self.departures, self.used = [], {}, {}, {}, set()
        self.proposed = {}  # modules DESIGN.md's table does not have yet: name -> why
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            m = re.fullmatch(r"module (\w+):([^;]*);(.*)", line)
            d = re.fullmatch(r"depart (\w+) -> ([\w-]+): (.+)", line)
            p = re.fullmatch(r"proposed (\w+): (.+)", line)
            if m:
                name = m.group(1)
                self.order.append(name)
                self.deps[name] = set(m.group(2).split())
                self.libs[name] = set(m.group(3).split())
            elif d:
                self.departures[(d.group(1), d.group(2))] = d.group(3)
            elif p:
                self.proposed[p.group(1)] = p.group(2)
            else:
                sys.exit(f"{path}:{n}: cannot read: {raw}")

    def rank(self, module):
        return self.order.index(module)

    def below(self, module):
        """The modules `module` may use: its dependencies and, through them, theirs (DESIGN.md's
        "depends on" names the direct layer; what that layer stands on is below too)."""
        seen, todo = set(), list(self.deps[module])
        while todo:
            m = todo.pop()
            if m in seen or m not in self.deps:
                continue
            seen.add(m)
            todo.extend(self.deps[m])
        return seen

    def allows(self, module, dep):
        if dep in self.libs[module] or (dep in self.deps and dep in self.below(module)):
            return True
        if (module, dep) in self.departures:
            self.used.add((module, dep))
            return True
        return False


def design_table(path):
    """DESIGN.md's rows as [(module, {module deps}, {libraries})], in order."""
    rows, lib_names = [], {"icu": "icu", "libxml2": "libxml2", "freetype": "freetype", "harfbuzz": "harfbuzz"}
    section = path.read_text(encoding="utf-8").split("\n## Modules", 1)[-1].split("\n## ", 1)[0]
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not re.fullmatch(r"\w+", cells[0]) or cells[0] == "module":
            continue
        deps, libs = set(), set()
        for item in (x.strip() for x in cells[2].split(",")):
            below = re.fullmatch(r"(\w+) and below", item)
            if item == "std":
                continue
            if below:
                above = [r[0] for r in rows]
                deps |= set(above[: above.index(below.group(1)) + 1])
            elif item.lower() in lib_names:
                libs.add(lib_names[item.lower()])
            else:
                deps.add(item)
        rows.append((cells[0], deps, libs))
    return rows


def check_design(table, design_path):
    problems = []
    rows = design_table(design_path)
    for name in table.proposed:
        if name in [r[0] for r in rows]:
            problems.append(f"modules.txt: {name} is in DESIGN.md's table now: remove its 'proposed' line")
        elif name not in table.deps:
            problems.append(f"modules.txt: proposed {name} has no module line")
        else:
            print(f"note: module {name} is proposed, not yet in DESIGN.md's table: {table.proposed[name]}")
    if [r[0] for r in rows] != [m for m in table.order if m not in table.proposed or m in [r[0] for r in rows]]:
        problems.append(f"modules.txt lists {table.order}, DESIGN.md's table {[r[0] for r in rows]}")
    for name, deps, libs in rows:
        if name not in table.deps:
            continue
        if deps != table.deps[name]:
            problems.append(f"modules.txt: {name} depends on {sorted(table.deps[name])}, DESIGN.md says {sorted(deps)}")
        if not libs <= table.libs[name]:
            problems.append(f"modules.txt: {name} may not use {sorted(libs - table.libs[name])}, DESIGN.md says it does")
    return problems


def check_includes(table, src):
    problems = []
    for f in sorted(src.rglob("*")):
        if f.suffix not in (".h", ".hh", ".cpp", ".cc") or not f.is_file():
            continue
        module = f.relative_to(src).parts[0]
        if module not in table.deps:
            problems.append(f"{f.relative_to(src.parent)}: src/{module}/ is not a module of modules.txt")
            continue
        for n, text in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(text)
            if not m:
                continue
            name = m.group(2)
            lib = next((lib for pattern, lib in LIBRARY_INCLUDES if pattern.search(name)), None)
            close = ">" if m.group(1) == "<" else '"'
            where = f"{f.relative_to(src.parent)}:{n}: {module} includes {m.group(1)}{name}{close}"
            if lib:
                if not table.allows(module, lib):
                    problems.append(f"{where}: {lib} is not one of {module}'s libraries")
                continue
            dep = name.split("/", 1)[0] if "/" in name else None
            if m.group(1) != '"' or dep is None or dep == module or dep not in table.deps:
                continue  # the standard library, or the module's own header
            if table.rank(dep) >= table.rank(module):
                problems.append(f"{where}: upward include ({dep} is not below {module} in the table)")
            elif not table.allows(module, dep):
                problems.append(f"{where}: {dep} is not one of {module}'s dependencies")
    return problems


def check_links(table, src):
    problems = []
    for cml in sorted(src.glob("*/CMakeLists.txt")):
        module = cml.parent.name
        if module not in table.deps:
            continue
        text = re.sub(r"#[^\n]*", "", cml.read_text(encoding="utf-8"))
        for call in re.finditer(r"target_link_libraries\s*\(\s*(\S+)([^)]*)\)", text):
            if call.group(1) != f"vanthu_{module}":
                continue  # e.g. the vanthu executable linking vanthu_cli
            for item in call.group(2).split():
                if item in ("PUBLIC", "PRIVATE", "INTERFACE"):
                    continue
                if item.startswith("vanthu_"):
                    dep = item[len("vanthu_"):]
                    if dep not in table.deps or table.rank(dep) >= table.rank(module) or not table.allows(module, dep):
                        problems.append(f"{cml.relative_to(src.parent)}: vanthu_{module} links {item}, which the table does not allow")
                elif item in LIBRARY_TARGETS:
                    if not table.allows(module, LIBRARY_TARGETS[item]):
                        problems.append(f"{cml.relative_to(src.parent)}: vanthu_{module} links {item} ({LIBRARY_TARGETS[item]}), which the table does not allow")
                else:
                    problems.append(f"{cml.relative_to(src.parent)}: vanthu_{module} links {item}: unknown to check_modules.py")
    return problems


def main():
    root = Path(sys.argv[1]).resolve()
    design = Path(sys.argv[2]) if len(sys.argv) > 2 else root.parent / "shared" / "DESIGN.md"
    table = Table(root / "tests" / "architecture" / "modules.txt")
    problems = check_includes(table, root / "src") + check_links(table, root / "src")
    for module, dep in sorted(set(table.departures) - table.used):
        problems.append(f"modules.txt: depart {module} -> {dep} is not needed any more: remove it")
    if design.is_file():
        problems += check_design(table, design)
    else:
        print(f"note: {design} is not there; the table is not compared with DESIGN.md")
    for p in problems:
        print(p)
    print(f"{len(problems)} breach(es) of the module table; {len(table.departures)} recorded departure(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
