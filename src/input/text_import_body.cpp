// The body of a text import: Phần/Chương/Mục, Điều, clauses, points, plan headings, paragraphs,
// bullets and tables (text_importer.h). Levels come from the numbering, not from where a line
// sits: "5." after heading "4." is its sibling even when it reads like a clause.
#include <algorithm>
#include <array>
#include <set>

#include "input/signature_lines.h"
#include "input/text_importer.h"
#include "text/unicode.h"

namespace vanthu::input::detail {
namespace {

bool isDivision(model::BlockKind k) {
    return k == model::BlockKind::Part || k == model::BlockKind::Chapter || k == model::BlockKind::Section ||
           k == model::BlockKind::Subsection;
}

// Words after which no sentence ends: a line ending so was cut by a page break.
bool endsWithConnective(const std::string& s) {
    static const std::set<std::string, std::less<>> connectives{
        "của", "và", "các", "theo", "tại", "về", "cho", "với", "được", "là", "số", "ngày", "những", "trong", "để",
        "từ", "đến", "tháng", "hoặc", "hay", "thuộc", "do", "bởi", "trên", "dưới", "giữa", "nhằm", "như", "mà",
        "nhưng", "vào", "có", "không", "đã", "sẽ", "đang", "một", "mọi"};
    const auto space = s.rfind(' ');
    return connectives.count(text::toLower(space == std::string::npos ? s : s.substr(space + 1))) > 0;
}

bool endsClosed(std::string s) {
    while (!s.empty() && (s.back() == '"' || s.back() == ')' || s.back() == '\'' || std::string_view(s).ends_with("\xE2\x80\x9D")))
        s.resize(s.size() - (s.back() == '\x9D' ? 3 : 1));
    return !s.empty() && std::string_view(".;:!?").find(s.back()) != std::string_view::npos;
}

int ordinal(const std::string& number) {
    const auto dot = number.rfind('.');
    const std::string last = dot == std::string::npos ? number : number.substr(dot + 1);
    return last.empty() || last.size() > 4 || !std::all_of(last.begin(), last.end(), ::isdigit) ? -1 : std::stoi(last);
}

}  // namespace

void Importer::Tree::push(model::Block b, int level, std::optional<Scheme> scheme) {
    auto& v = container();
    v.push_back(std::move(b));
    stack.push_back({&v.back(), v.back().kind, level, scheme});
}

bool Importer::Tree::inArticle() const {
    return std::any_of(stack.begin(), stack.end(), [](const Open& o) { return o.kind == model::BlockKind::Article; });
}

bool Importer::endsBody(std::size_t at) const {
    const Line& l = lines_[at];
    return foldedStarts(l.plain, "noi nhan") || authorityLine(l.plain) || typeFromTitle(l.plain) || isAppendixLabel(l.plain) ||
           positionOnlySignatureAt(at) || signedNameAt(at);
}

// "CHỦ TỊCH" then, after blank lines and placeholders ("(Đã ký)"), "Lê Văn Chiến": a head
// signing under his own title; also "GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / name.
bool Importer::positionOnlySignatureAt(std::size_t at) const {
    const Line& l = lines_[at];
    if (!isUpperLine(l.plain) || l.plain.size() > 80 || typeFromTitle(l.plain)) return false;
    auto isName = [](const Line* n) {
        if (!n) return false;
        const auto s = readSignerLine(n->plain);
        return s && !s->name.empty() && !s->fromUpperCase;
    };
    const Line* next = peekPastPlaceholders(at + 1);
    if (!next) return false;
    if (isName(next)) return true;
    if (isUpperLine(next->plain) && next->plain.size() <= 80) return isName(peekPastPlaceholders(indexOf(next) + 1));
    return false;
}

void Importer::body(std::vector<model::Block>& root) {
    Tree t{&root, {}};
    while (more()) {
        const Line& l = line();
        if (endsBody(i_)) break;
        if (repeated(l)) {
            ++i_;
        } else if (l.plain.starts_with('|')) {
            table(t.container());
        } else if (isPageNumberLine(l.plain)) {
            note(l, "Bỏ số trang '" + l.plain + "' của bản gốc", "Dropped the source's page number '" + l.plain + "'");
            ++i_;
        } else if (const auto u = unitLabel(l.plain)) {
            switch (u->kind) {
                case LabelKind::Part:
                case LabelKind::Chapter:
                case LabelKind::Section: division(t, *u); break;
                case LabelKind::Article: article(t, *u); break;
                case LabelKind::Numbered: numbered(t, *u); break;
                case LabelKind::Point: point(t, *u); break;
            }
        } else {
            textBlock(t);
        }
    }
}

void Importer::division(Tree& t, const UnitLabel& u) {
    const Line& l = line();
    model::Block b;
    b.kind = u.kind == LabelKind::Part ? model::BlockKind::Part : u.kind == LabelKind::Chapter ? model::BlockKind::Chapter : model::BlockKind::Section;
    b.number = u.number;
    if (!u.rest.empty()) b.title = dropPrefix(l.runs, u.labelBytes);
    ++i_;
    titleLines(b, 3);
    const auto kind = b.kind;
    t.popUntil([&](const Open& o) {
        if (kind == model::BlockKind::Part) return false;
        if (kind == model::BlockKind::Chapter) return o.kind == model::BlockKind::Part;
        return o.kind == model::BlockKind::Part || o.kind == model::BlockKind::Chapter;
    });
    t.push(std::move(b));
}

// A division's title on the lines after its label: the first line whatever its case, then up to
// `most` lines in capitals that begin no unit ("Chương II" / "TỔ CHỨC BỘ MÁY VÀ" / "BIÊN CHẾ").
void Importer::titleLines(model::Block& b, int most) {
    if (b.title.empty()) {
        if (!more() || endsBody(i_) || startsNewUnit(line().plain)) return;
        b.title = line().runs;
        ++i_;
        --most;
    }
    for (; most > 0 && more(); --most) {
        const Line& next = line();
        if (!isUpperLine(next.plain) || next.plain.size() > 200 || startsNewUnit(next.plain) || endsBody(i_)) return;
        note(next, "Nối dòng '" + next.plain + "' vào tên " + std::string(b.kind == model::BlockKind::Chapter ? "chương" : "phần, mục") + " ở dòng trên",
             "Joined the line '" + next.plain + "' to the title above it");
        b.title = joinRuns(std::move(b.title), next.runs);
        ++i_;
    }
}

void Importer::article(Tree& t, const UnitLabel& u) {
    const Line& l = line();
    model::Block b;
    b.kind = model::BlockKind::Article;
    b.number = u.number;
    auto rest = dropPrefix(l.runs, u.labelBytes);
    ++i_;
    if (!rest.empty()) joinBrokenLines(rest, l, false);
    // A short line without final punctuation is the title; a sentence is the article's text.
    const std::string whole = model::plainText(rest);
    if (endsSentence(whole) || whole.size() > 150) {
        b.text = std::move(rest);
        scanFacts(whole, l.no);
    } else {
        b.title = std::move(rest);
    }
    t.popUntil([&](const Open& o) { return isDivision(o.kind); });
    t.push(std::move(b));
}

// "5." when "4." of the same scheme is open: its sibling, of its kind, whatever its wording. When
// both a heading "2." and a clause "2." under it are open, "3." follows the one it reads like.
bool Importer::sibling(Tree& t, const UnitLabel& u, const Line& l) {
    const int n = ordinal(u.number);
    if (n <= 1 || *u.scheme < Scheme::Arabic1) return false;
    const bool titleLike = !endsSentence(u.rest) && u.rest.size() <= 300;
    std::optional<std::size_t> found;
    for (std::size_t k = t.stack.size(); k-- > 0;) {
        const Open& o = t.stack[k];
        if (o.scheme != u.scheme || ordinal(o.block->number) + 1 != n) continue;
        if (!found) found = k;
        if ((o.kind == model::BlockKind::Heading) == titleLike) {
            found = k;
            break;
        }
    }
    if (!found) return false;
    const Open o = t.stack[*found];
    model::Block b;
    b.kind = o.kind;
    b.number = u.number;
    b.level = o.block->level;
    auto runs = dropPrefix(l.runs, u.labelBytes);
    ++i_;
    const bool title = o.kind == model::BlockKind::Heading || (o.kind == model::BlockKind::Clause && !o.block->title.empty());
    joinBrokenLines(runs, l, title);
    if (title && !titleLike)
        note(l, "Mục '" + u.number + ".' được đánh số như đề mục '" + o.block->number + ".' ở trên: giữ cùng cấp",
             "Item '" + u.number + ".' is numbered like the heading '" + o.block->number + ".' above it: kept at its level");
    (title ? b.title : b.text) = std::move(runs);
    scanFacts(model::plainText(title ? b.title : b.text), l.no);
    t.stack.resize(*found);
    t.push(std::move(b), o.level, o.scheme);
    return true;
}

void Importer::numbered(Tree& t, const UnitLabel& u) {
    const Line& l = line();
    if (sibling(t, u, l)) return;
    const Scheme scheme = *u.scheme;
    model::Block b;
    b.number = u.number;
    const bool arabic = scheme >= Scheme::Arabic1;
    const bool titleLike = !endsSentence(u.rest) && u.rest.size() <= 300;
    auto runs = dropPrefix(l.runs, u.labelBytes);
    ++i_;
    if (arabic && (t.inArticle() || !titleLike)) {
        b.kind = model::BlockKind::Clause;
        joinBrokenLines(runs, l, false);
        b.text = std::move(runs);
        scanFacts(model::plainText(b.text), l.no);
        t.popUntil([](const Open& o) { return o.kind == model::BlockKind::Article || o.kind == model::BlockKind::Heading || isDivision(o.kind); });
        t.push(std::move(b), 0, scheme);
        return;
    }
    joinBrokenLines(runs, l, true);
    const int level = headingLevel(scheme);
    if (level > 4) {  // deeper than the model's four heading levels: a titled clause
        b.kind = model::BlockKind::Clause;
        b.title = std::move(runs);
        t.popUntil([](const Open& o) { return o.kind == model::BlockKind::Heading || isDivision(o.kind); });
        t.push(std::move(b), 0, scheme);
        return;
    }
    b.kind = model::BlockKind::Heading;
    b.level = level;
    b.title = std::move(runs);
    t.popUntil([&](const Open& o) { return (o.kind == model::BlockKind::Heading && o.level < level) || isDivision(o.kind); });
    t.push(std::move(b), level, scheme);
}

void Importer::point(Tree& t, const UnitLabel& u) {
    const Line& l = line();
    model::Block b;
    b.kind = model::BlockKind::Point;
    b.number = u.number;
    b.text = dropPrefix(l.runs, u.labelBytes);
    ++i_;
    joinBrokenLines(b.text, l, false);
    scanFacts(model::plainText(b.text), l.no);
    t.popUntil([](const Open& o) { return o.kind != model::BlockKind::Point; });
    t.push(std::move(b));
}

// A "+ " item (a level under "- ") stays a paragraph with its mark: the model has one bullet level.
// Content may not hold structure, so a point's content stays under the point; text after an
// article's title belongs to the article.
void Importer::textBlock(Tree& t) {
    const Line& l = line();
    model::Block b;
    if (const std::size_t d = dashLength(l.plain)) {
        b.kind = model::BlockKind::Bullet;
        b.text = dropPrefix(l.runs, d);
    } else {
        b.kind = model::BlockKind::Paragraph;
        b.text = l.runs;
    }
    ++i_;
    if (b.text.empty()) return;
    joinBrokenLines(b.text, l, false);
    if (b.kind == model::BlockKind::Paragraph) cleanEnding(b.text, l);
    scanFacts(model::plainText(b.text), l.no);
    t.container().push_back(std::move(b));
    remember(l);
}

// The next line goes on with the sentence of `before`: it begins no unit, is not in capitals,
// and either starts in lower case or follows a word no sentence ends with; `before` is not closed
// by . ; : ! ?
bool Importer::continuesSentence(const std::string& before, std::size_t at) const {
    const Line& next = lines_[at];
    if (before.empty() || next.blank() || endsClosed(before)) return false;
    if (startsNewUnit(next.plain) || isUpperLine(next.plain) || isPageNumberLine(next.plain) || endsBody(at)) return false;
    return startsLowerCase(next.plain) || endsWithConnective(before);
}

// A sentence (or a title) the source's page or line breaks cut: the lines after it joined on,
// a page number between them dropped; each join a note.
void Importer::joinBrokenLines(model::Inlines& text, const Line& first, bool title) {
    for (;;) {
        const Line* next = peekNonBlank(i_);
        const Line* pageNumber = nullptr;
        if (next && isPageNumberLine(next->plain)) {
            pageNumber = next;
            next = peekNonBlank(indexOf(next) + 1);
        }
        if (!next || !continuesSentence(model::plainText(text), indexOf(next))) return;
        if (title && next->plain.size() > 200) return;
        if (pageNumber)
            note(*pageNumber, "Bỏ số trang '" + pageNumber->plain + "' giữa một câu", "Dropped the page number '" + pageNumber->plain + "' inside a sentence");
        note(*next, "Nối dòng " + std::to_string(next->no) + " vào dòng " + std::to_string(first.no) + ": câu bị ngắt giữa chừng",
             "Joined line " + std::to_string(next->no) + " to line " + std::to_string(first.no) + ": a sentence broken in the middle");
        text = joinRuns(std::move(text), next->runs);
        remember(*next);
        i_ = indexOf(next) + 1;
    }
}

void Importer::scanFacts(const std::string& plain, int line) {
    for (auto& r : relationsIn(plain)) relations_.push_back({std::move(r), line});
    if (mainBody_ && !effective_)
        if (const auto e = effectiveDateIn(plain)) effective_ = EffectiveAt{*e, line};
}

int Importer::headingLevel(Scheme s) {
    auto it = std::find(schemes_.begin(), schemes_.end(), s);
    if (it == schemes_.end()) {
        schemes_.push_back(s);
        return static_cast<int>(schemes_.size());
    }
    return static_cast<int>(it - schemes_.begin()) + 1;
}

// "…các nhiệm vụ của Đề án./..*MC*": characters after the closing "./." are conversion debris.
void Importer::cleanEnding(model::Inlines& runs, const Line& l) {
    if (runs.empty()) return;
    std::string& t = runs.back().text;
    const auto p = t.rfind("./.");
    if (p == std::string::npos || p + 3 == t.size()) return;
    const std::string tail = t.substr(p + 3);
    if (tail.size() > 8) return;
    t.erase(p + 3);
    note(l, "Bỏ các ký tự thừa '" + tail + "' sau dấu kết thúc './.'", "Dropped stray characters '" + tail + "' after the closing './.'");
}

// A conversion may repeat a block verbatim (a table linearised twice). Long lines seen once in
// the body are remembered; the same line again right before the signature part is dropped.
void Importer::remember(const Line& l) {
    if (l.plain.size() >= 60) seen_.insert(l.plain);
}

bool Importer::repeated(const Line& l) {
    if (l.plain.size() < 60 || !seen_.count(l.plain)) return false;
    // Only when it sits where a repeated table cell would: before "Nơi nhận" again.
    for (std::size_t j = i_ + 1; j < lines_.size() && j < i_ + 8; ++j) {
        if (lines_[j].blank()) continue;
        if (foldedStarts(lines_[j].plain, "noi nhan")) {
            note(l, "Bỏ đoạn lặp lại nguyên văn (lỗi chuyển đổi): '" + l.plain + "'",
                 "Dropped a paragraph repeated verbatim (a conversion artefact): '" + l.plain + "'");
            return true;
        }
        if (!seen_.count(lines_[j].plain)) return false;
    }
    return false;
}

void Importer::table(std::vector<model::Block>& into) {
    model::Block t;
    t.kind = model::BlockKind::Table;
    while (i_ < lines_.size() && lines_[i_].plain.starts_with('|')) {
        const auto cells = tableCells(lines_[i_].plain);
        if (!cells.empty() && std::all_of(cells.begin(), cells.end(), isTableRule)) {
            if (!t.children.empty()) t.children.back().headerRow = true;
        } else {
            model::Block row;
            row.kind = model::BlockKind::Row;
            for (const auto& c : cells) {
                model::Block cell;
                cell.kind = model::BlockKind::Cell;
                cell.text = parseInline(c);
                row.children.push_back(std::move(cell));
            }
            t.children.push_back(std::move(row));
        }
        ++i_;
    }
    // Every row gets as many cells as the widest one (the schema wants at least one each).
    std::size_t width = 0;
    for (const auto& r : t.children) width = std::max(width, r.children.size());
    for (auto& r : t.children)
        while (r.children.size() < width) {
            model::Block cell;
            cell.kind = model::BlockKind::Cell;
            r.children.push_back(std::move(cell));
        }
    if (!t.children.empty()) into.push_back(std::move(t));
}

}  // namespace vanthu::input::detail
