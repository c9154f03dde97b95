#include "xml/parser.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <system_error>
#include <utility>

#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "core/narrow.h"
#include "core/utf8.h"
#include "xml/document_impl.h"

namespace vanthu::xml {
namespace {

// ---------------------------------------------------------------- entity loader ---------------

// The folder Schema::load may read from on this thread; empty = deny everything.
thread_local std::filesystem::path tAllowedDir;

// Local file path named by a system id, or "" when the id is not a plain local file reference.
std::string localPathOf(std::string_view url) {
    if (url.starts_with("file://")) {
        url.remove_prefix(7);
        if (!url.starts_with("/")) return {};  // file://host/… is not local
    }
    const auto colon = url.find(':');
    const auto slash = url.find('/');
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash)) return {};  // a scheme
    if (url.find('%') != std::string_view::npos) return {};  // no escaped paths; our schemas need none
    return std::string(url);
}

bool insideAllowedDir(const std::string& path) {
    if (tAllowedDir.empty() || path.empty()) return false;
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(path, ec);
    if (ec || !std::filesystem::is_regular_file(canonical, ec)) return false;
    const auto rel = canonical.lexically_relative(tAllowedDir);
    return !rel.empty() && *rel.begin() != ".." && rel.is_relative();
}

xmlParserInputPtr denyAllLoader(const char* url, const char* /*publicId*/, xmlParserCtxtPtr ctxt) {
    if (url != nullptr) {
        const auto path = localPathOf(url);
        if (insideAllowedDir(path)) return xmlNewInputFromFile(ctxt, path.c_str());
    }
    return nullptr;  // libxml2 reports "failed to load external entity"; nothing is read
}

// ---------------------------------------------------------------- diagnostics ------------------

struct RawDiagnostic {
    int code = 0;
    int level = 0;
    int line = 0;
    int column = 0;
    std::string message;
    std::string str1, str2;
};

struct ParseSink {
    xmlParserCtxtPtr ctxt = nullptr;
    std::vector<RawDiagnostic> diagnostics;  // at most kMaxErrors; the rest are only counted
    std::size_t omitted = 0;
    bool sawDoctype = false;
    int doctypeLine = 0;
    std::optional<std::size_t> tooDeepAt;  // byte offset of the first element nested deeper than kMaxDepth
};

thread_local ParseSink* tSink = nullptr;

// libxml2 quotes the input in some messages ("Comment not terminated <!-- …") cut at a byte
// count, which can split a UTF-8 sequence; an error goes into JSON, so each stray byte becomes
// U+FFFD (found by fuzz/xml_parse_fuzzer).
std::string wellFormedUtf8(std::string_view raw) {
    if (isValidUtf8(raw)) return std::string(raw);
    std::string out;
    for (std::size_t i = 0; i < raw.size();) appendUtf8(out, decodeUtf8(raw, i));
    return out;
}

std::string trimMessage(const char* m) {
    std::string s = wellFormedUtf8(m ? m : "");
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    for (auto& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return s;
}

void collectParseError(void* /*userData*/, xmlErrorPtr e) {
    if (tSink == nullptr || e == nullptr || e->level < XML_ERR_ERROR) return;  // warnings do not block
    if (tSink->diagnostics.size() >= kMaxErrors) {
        ++tSink->omitted;
        return;
    }
    tSink->diagnostics.push_back({e->code, e->level, e->line, e->int2, trimMessage(e->message),
                                  wellFormedUtf8(e->str1 ? e->str1 : ""), wellFormedUtf8(e->str2 ? e->str2 : "")});
}

// SAX internalSubset hook: called as soon as "<!DOCTYPE name [ExternalID]" is read, before any
// markup declaration of the internal subset is parsed. Stopping here means no entity is ever
// declared, so neither XXE nor amplification can happen, whatever the options.
void refuseDoctype(void* /*ctx*/, const xmlChar*, const xmlChar*, const xmlChar*) {
    if (tSink == nullptr) return;
    tSink->sawDoctype = true;
    if (tSink->ctxt && tSink->ctxt->input) tSink->doctypeLine = tSink->ctxt->input->line;
    if (tSink->ctxt) xmlStopParser(tSink->ctxt);
}

// SAX startElementNs hook: libxml2's own depth limit goes with XML_PARSE_HUGE, so this is ours.
// libxml2 pushes an element's name after this call, so nameNr is the depth of its parent.
void startElementWithinDepth(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri,
                             int nbNamespaces, const xmlChar** namespaces, int nbAttributes, int nbDefaulted,
                             const xmlChar** attributes) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    if (tSink != nullptr && ctxt->nameNr >= narrow<int>(kMaxDepth)) {
        if (!tSink->tooDeepAt && ctxt->input != nullptr)
            tSink->tooDeepAt = static_cast<std::size_t>(ctxt->input->consumed) +
                               static_cast<std::size_t>(ctxt->input->cur - ctxt->input->base);
        xmlStopParser(ctxt);
        return;
    }
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nbNamespaces, namespaces, nbAttributes, nbDefaulted, attributes);
}

// Installs our structured handler for this thread (libxml2 keeps it in thread-local globals) and
// restores the previous one, so errors that bypass the parser context are collected as well.
class ScopedErrors {
public:
    explicit ScopedErrors(ParseSink& sink) : saved_(xmlStructuredError), savedCtx_(xmlStructuredErrorContext), prevSink_(tSink) {
        tSink = &sink;
        xmlSetStructuredErrorFunc(nullptr, collectParseError);
    }
    ~ScopedErrors() {
        xmlSetStructuredErrorFunc(savedCtx_, saved_);
        tSink = prevSink_;
    }
    ScopedErrors(const ScopedErrors&) = delete;
    ScopedErrors& operator=(const ScopedErrors&) = delete;

private:
    xmlStructuredErrorFunc saved_;
    void* savedCtx_;
    ParseSink* prevSink_;
};

std::string hexByte(unsigned char b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
}

// A Vietnamese wording for libxml2's well-formedness errors; the English one is libxml2's own.
std::string vietnameseParseMessage(const RawDiagnostic& d) {
    const auto quoted = [](const std::string& s) { return s.empty() ? std::string() : " '" + s + "'"; };
    switch (d.code) {
        case XML_ERR_DOCUMENT_EMPTY: return "Đây không phải tài liệu XML: không tìm thấy thẻ mở '<'";  // empty input is caught earlier
        case XML_ERR_DOCUMENT_START:
        case XML_ERR_DOCUMENT_END:
        case XML_ERR_EXTRA_CONTENT: return "Tài liệu XML không bắt đầu hoặc kết thúc đúng: chỉ được có một phần tử gốc";
        case XML_ERR_INVALID_CHAR:
        case XML_ERR_INVALID_CHARREF: return "Ký tự không được phép trong XML";
        case XML_ERR_UNDECLARED_ENTITY:
        case XML_WAR_UNDECLARED_ENTITY:
            return "Thực thể" + quoted(d.str1.empty() ? d.str1 : "&" + d.str1 + ";") +
                   " không được phép; chỉ dùng &amp; &lt; &gt; &quot; &apos; và tham chiếu ký tự (&#...;)";
        case XML_ERR_ENTITYREF_SEMICOL_MISSING: return "Tham chiếu thực thể thiếu dấu ';' (viết '&' thành '&amp;')";
        case XML_ERR_ENTITY_LOOP: return "Thực thể lồng nhau vô hạn (tấn công khuếch đại thực thể)";
        case XML_ERR_STRING_NOT_STARTED:
        case XML_ERR_STRING_NOT_CLOSED:
        case XML_ERR_ATTRIBUTE_NOT_STARTED:
        case XML_ERR_ATTRIBUTE_NOT_FINISHED:
        case XML_ERR_ATTRIBUTE_WITHOUT_VALUE: return "Thuộc tính" + quoted(d.str1) + " viết sai: giá trị phải đặt trong dấu nháy";
        case XML_ERR_LT_IN_ATTRIBUTE: return "Giá trị thuộc tính không được chứa ký tự '<'";
        case XML_ERR_ATTRIBUTE_REDEFINED: return "Thuộc tính" + quoted(d.str1) + " bị khai báo hai lần";
        case XML_ERR_COMMENT_NOT_FINISHED:
        case XML_ERR_HYPHEN_IN_COMMENT: return "Chú thích XML (<!-- -->) viết sai hoặc chưa đóng";
        case XML_ERR_CDATA_NOT_FINISHED: return "Khối CDATA chưa được đóng";
        case XML_ERR_PI_NOT_STARTED:
        case XML_ERR_PI_NOT_FINISHED:
        case XML_ERR_XMLDECL_NOT_STARTED:
        case XML_ERR_XMLDECL_NOT_FINISHED:
        case XML_ERR_RESERVED_XML_NAME:
        case XML_ERR_VERSION_MISSING: return "Khai báo <?xml ...?> viết sai hoặc không ở đầu tệp";
        case XML_ERR_SPACE_REQUIRED: return "Thiếu khoảng trắng bắt buộc";
        case XML_ERR_NAME_REQUIRED: return "Thiếu tên phần tử hoặc thuộc tính sau '<'";
        case XML_ERR_LT_REQUIRED:
        case XML_ERR_GT_REQUIRED: return "Thẻ" + quoted(d.str1) + " viết sai: thiếu dấu '>' hoặc thuộc tính không đúng cú pháp";
        case XML_ERR_LTSLASH_REQUIRED:
        case XML_ERR_TAG_NOT_FINISHED: return "Phần tử" + quoted(d.str1) + " chưa được đóng (thiếu thẻ đóng)";
        case XML_ERR_TAG_NAME_MISMATCH:
            return "Thẻ mở" + quoted(d.str1) + " và thẻ đóng" + quoted(d.str2) + " không khớp";
        case XML_ERR_NOT_WELL_BALANCED: return "Các thẻ mở và đóng không cân đối";
        case XML_ERR_UNKNOWN_ENCODING:
        case XML_ERR_UNSUPPORTED_ENCODING:
        case XML_ERR_INVALID_ENCODING: return "Bảng mã không được hỗ trợ; tài liệu phải là UTF-8";
        case XML_NS_ERR_UNDEFINED_NAMESPACE: return "Tiền tố không gian tên" + quoted(d.str1) + " chưa được khai báo";
        case XML_ERR_NO_MEMORY: return "Không đủ bộ nhớ để đọc tài liệu XML";
        default: return "Tài liệu XML không đúng cú pháp";
    }
}

// ---------------------------------------------------------------- source scanning --------------

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::vector<std::size_t> lineStartsOf(std::string_view s) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == '\n') starts.push_back(i + 1);
    return starts;
}

// Offsets of every start tag's '<' in document order. REQUIRES: well-formed XML without DOCTYPE
// (so '<' in content is always markup, attribute values never contain '<').
std::vector<std::size_t> startTagOffsets(std::string_view s) {
    std::vector<std::size_t> out;
    std::size_t i = 0;
    auto skipPast = [&](std::string_view end, std::size_t from) {
        const auto at = s.find(end, from);
        return at == std::string_view::npos ? s.size() : at + end.size();
    };
    while ((i = s.find('<', i)) != std::string_view::npos) {
        const auto rest = s.substr(i);
        if (rest.starts_with("<!--")) i = skipPast("-->", i + 4);
        else if (rest.starts_with("<![CDATA[")) i = skipPast("]]>", i + 9);
        else if (rest.starts_with("<?")) i = skipPast("?>", i + 2);
        else if (rest.starts_with("<!") || rest.starts_with("</")) i = skipPast(">", i + 2);
        else {
            out.push_back(i);
            ++i;
        }
    }
    return out;
}

// Offset of "<!DOCTYPE" in the prolog (after the XML declaration, comments and PIs), if any.
std::optional<std::size_t> doctypeOffset(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (isSpace(s[i])) { ++i; continue; }
        const auto rest = s.substr(i);
        if (rest.starts_with("\xEF\xBB\xBF")) { i += 3; continue; }
        if (rest.starts_with("<!DOCTYPE")) return i;
        std::string_view end;
        if (rest.starts_with("<!--")) end = "-->";
        else if (rest.starts_with("<?")) end = "?>";
        else return std::nullopt;
        const auto at = s.find(end, i + 2);
        if (at == std::string_view::npos) return std::nullopt;
        i = at + end.size();
    }
    return std::nullopt;
}

// Offset of the attribute named `qname` inside the start tag at `tag`, or npos.
std::size_t attributeOffset(std::string_view s, std::size_t tag, std::string_view qname) {
    std::size_t i = tag + 1;
    while (i < s.size() && !isSpace(s[i]) && s[i] != '>' && s[i] != '/') ++i;  // element name
    while (i < s.size()) {
        while (i < s.size() && isSpace(s[i])) ++i;
        if (i >= s.size() || s[i] == '>' || s[i] == '/') return std::string_view::npos;
        const std::size_t nameStart = i;
        while (i < s.size() && !isSpace(s[i]) && s[i] != '=') ++i;
        if (s.substr(nameStart, i - nameStart) == qname) return nameStart;
        while (i < s.size() && s[i] != '"' && s[i] != '\'') ++i;
        if (i >= s.size()) return std::string_view::npos;
        const auto close = s.find(s[i], i + 1);
        if (close == std::string_view::npos) return std::string_view::npos;
        i = close + 1;
    }
    return std::string_view::npos;
}

// Elements in document order, each with its index among same-named element siblings.
void collectElements(const xmlNode* first, std::vector<const xmlNode*>& order,
                     std::unordered_map<const xmlNode*, Document::Impl::ElementInfo>& info) {
    std::unordered_map<std::string_view, int> counts;
    for (const xmlNode* n = first; n != nullptr; n = n->next)
        if (n->type == XML_ELEMENT_NODE) ++counts[reinterpret_cast<const char*>(n->name)];
    std::unordered_map<std::string_view, int> seen;
    for (const xmlNode* n = first; n != nullptr; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        const std::string_view name = reinterpret_cast<const char*>(n->name);
        auto& e = info[n];
        e.index = ++seen[name];
        e.sameName = counts[name];
        order.push_back(n);
        collectElements(n->children, order, info);
    }
}

// Line and column of each offset in `sorted` (ascending), in one pass over s.
std::vector<Position> positionsOf(std::string_view s, const std::vector<std::size_t>& sorted) {
    std::vector<Position> out;
    out.reserve(sorted.size());
    std::size_t i = s.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a BOM is not a column
    int line = 1, column = 1;
    for (const std::size_t target : sorted) {
        for (; i < target && i < s.size(); ++i) {
            const auto b = static_cast<unsigned char>(s[i]);
            if (b == '\n') { ++line; column = 1; }
            else if ((b & 0xC0) != 0x80) ++column;
        }
        out.push_back({line, column});
    }
    return out;
}

const xmlNode* findEntityRef(const xmlNode* n) {
    for (; n != nullptr; n = n->next) {
        if (n->type == XML_ENTITY_REF_NODE || n->type == XML_ENTITY_NODE || n->type == XML_ENTITY_DECL ||
            n->type == XML_DTD_NODE || n->type == XML_DOCUMENT_TYPE_NODE)
            return n;
        if (n->type == XML_ELEMENT_NODE)
            if (const auto* found = findEntityRef(n->children)) return found;
    }
    return nullptr;
}

std::string qualifiedName(const xmlNs* ns, const xmlChar* name) {
    std::string q;
    if (ns != nullptr && ns->prefix != nullptr) q = std::string(reinterpret_cast<const char*>(ns->prefix)) + ":";
    return q + reinterpret_cast<const char*>(name);
}

}  // namespace

namespace {

Error doctypeError(const Document::Impl& impl, int lineSeenByLibxml2) {
    Position at{lineSeenByLibxml2, 0};
    if (const auto off = doctypeOffset(impl.source)) at = impl.at(*off);
    return Error::invalidInput(
        Location{{}, at.line, at.column},
        "Không chấp nhận khai báo <!DOCTYPE> (DTD, thực thể) trong tài liệu XML; hãy xóa khai báo này",
        "A <!DOCTYPE> declaration (DTD, entities) is not allowed in the XML input; remove it");
}

// An entity reference node left in the tree, located at its parent element.
Error entityRefError(const Document::Impl& impl, const xmlNode* bad) {
    Position at{narrow<int>(std::max(0L, xmlGetLineNo(bad))), 0};
    if (const auto it = impl.elements.find(bad->parent); it != impl.elements.end() && it->second.pos.line > 0)
        at = it->second.pos;
    const std::string name = bad->name ? reinterpret_cast<const char*>(bad->name) : "";
    return Error::invalidInput(
        Location{{}, at.line, at.column},
        "Tham chiếu thực thể '&" + name + ";' không được phép; chỉ dùng &amp; &lt; &gt; &quot; &apos;",
        "The entity reference '&" + name + ";' is not allowed; only &amp; &lt; &gt; &quot; &apos; are");
}

// The element nested deeper than kMaxDepth, located at its '<' (the last one before the offset
// libxml2 had reached: attribute values of well-formed XML hold no '<').
Error tooDeepError(const Document::Impl& impl, std::size_t reached) {
    const auto tag = impl.source.rfind('<', reached);
    const auto at = impl.at(tag == std::string::npos ? reached : tag);
    return Error::invalidInput(
        Location{{}, at.line, at.column},
        "Tài liệu XML lồng các phần tử quá sâu: quá " + std::to_string(kMaxDepth) + " cấp",
        "The XML input nests elements too deeply: more than " + std::to_string(kMaxDepth) + " levels");
}

}  // namespace

// ---------------------------------------------------------------- public helpers ---------------

void initialise() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        xmlSetExternalEntityLoader(denyAllLoader);
    });
}

LoaderAllowance::LoaderAllowance(const std::filesystem::path& dir) : previous_(tAllowedDir) {
    tAllowedDir = std::filesystem::weakly_canonical(dir);
}

LoaderAllowance::~LoaderAllowance() { tAllowedDir = previous_; }

Position positionOfOffset(std::string_view s, std::size_t byteOffset) noexcept {
    byteOffset = std::min(byteOffset, s.size());
    int line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < byteOffset; ++i)
        if (s[i] == '\n') { ++line; lineStart = i + 1; }
    if (lineStart == 0 && s.starts_with("\xEF\xBB\xBF") && byteOffset >= 3) lineStart = 3;  // a BOM is not a column
    int column = 1;
    for (std::size_t i = lineStart; i < byteOffset; ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++column;
    return {line, column};
}

Error moreErrors(Errc code, std::size_t omitted) {
    Error e;
    e.code = code;
    e.messageVi = "Còn " + std::to_string(omitted) + " lỗi khác không được liệt kê; hãy sửa các lỗi trên rồi kiểm tra lại";
    e.messageEn = std::to_string(omitted) + " more errors not listed; fix the ones above and check again";
    return e;
}

// ---------------------------------------------------------------- Document ---------------------

Position Document::Impl::at(std::size_t byteOffset) const {
    byteOffset = std::min(byteOffset, source.size());
    const auto it = std::upper_bound(lineStarts.begin(), lineStarts.end(), byteOffset);
    const auto lineIndex = static_cast<std::size_t>(it - lineStarts.begin()) - 1;
    std::size_t from = lineStarts[lineIndex];
    if (lineIndex == 0 && std::string_view(source).starts_with("\xEF\xBB\xBF") && byteOffset >= 3) from = 3;
    int column = 1;
    for (std::size_t i = from; i < byteOffset; ++i)
        if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) ++column;
    return {narrow<int>(lineIndex + 1), column};
}

Document::Document(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Document::~Document() = default;
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;

void* Document::raw() const { return impl_->doc.get(); }
std::string_view Document::source() const { return impl_->source; }
Position Document::positionOfOffset(std::size_t byteOffset) const { return impl_->at(byteOffset); }

Node Document::root() const { return Node::fromRaw(xmlDocGetRootElement(impl_->doc.get())); }

Position Document::position(Node n) const {
    if (!n) return {};
    if (n.kind() == Node::Kind::Attribute) {
        const auto* attr = static_cast<const xmlAttr*>(n.raw());
        const auto owner = position(n.parent());
        const auto it = impl_->elements.find(attr->parent);
        if (it == impl_->elements.end() || owner.column == 0) return owner;
        const auto& src = impl_->source;
        const auto off = attributeOffset(src, it->second.offset, qualifiedName(attr->ns, attr->name));
        if (off == std::string_view::npos) return owner;
        Position p = owner;  // walk from the tag to the attribute: O(length of the start tag)
        for (std::size_t i = it->second.offset; i < off; ++i) {
            const auto b = static_cast<unsigned char>(src[i]);
            if (b == '\n') { ++p.line; p.column = 1; }
            else if ((b & 0xC0) != 0x80) ++p.column;
        }
        return p;
    }
    if (n.kind() != Node::Kind::Element) return position(n.parent());
    const auto* node = static_cast<const xmlNode*>(n.raw());
    const auto it = impl_->elements.find(node);
    if (it != impl_->elements.end() && it->second.pos.line > 0) return it->second.pos;
    return {narrow<int>(std::max(0L, xmlGetLineNo(node))), 0};
}

std::string Document::path(Node n) const {
    if (!n) return {};
    if (n.kind() == Node::Kind::Attribute) return path(n.parent()) + "/@" + std::string(n.name());
    if (n.kind() != Node::Kind::Element) return path(n.parent());
    std::vector<const xmlNode*> chain;
    for (const auto* e = static_cast<const xmlNode*>(n.raw()); e != nullptr && e->type == XML_ELEMENT_NODE; e = e->parent)
        chain.push_back(e);
    std::string out;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        out += '/';
        out += reinterpret_cast<const char*>((*it)->name);
        const auto info = impl_->elements.find(*it);
        if (info != impl_->elements.end() && info->second.sameName > 1)
            out += "[" + std::to_string(info->second.index) + "]";
    }
    return out;
}

// ---------------------------------------------------------------- parse ------------------------

Result<Document> parse(std::string_view bytes, std::size_t maxBytes) {
    initialise();
    const Position start{1, 1};
    if (bytes.size() > maxBytes || bytes.size() > static_cast<std::size_t>(INT_MAX))
        return Error::tooLarge(
            "", "Tài liệu XML quá lớn: " + std::to_string(bytes.size()) + " byte, giới hạn là " + std::to_string(maxBytes) +
                " byte",
            "The XML input is too large: " + std::to_string(bytes.size()) + " bytes, the limit is " +
                std::to_string(maxBytes) + " bytes");
    if (std::all_of(bytes.begin(), bytes.end(), isSpace))
        return Error::invalidInput(Location{{}, start.line, start.column}, "Tài liệu XML rỗng",
                                   "The XML input is empty");
    if (const auto bad = firstInvalidUtf8(bytes)) {
        const auto at = positionOfOffset(bytes, *bad);
        const auto byte = hexByte(static_cast<unsigned char>(bytes[*bad]));
        return Error::invalidInput(
            Location{{}, at.line, at.column},
            "Dữ liệu không phải UTF-8 hợp lệ: byte " + byte + " ở dòng " + std::to_string(at.line) + ", cột " +
                std::to_string(at.column) + " (hãy lưu tệp với bảng mã UTF-8)",
            "The input is not valid UTF-8: byte " + byte + " at line " + std::to_string(at.line) + ", column " +
                std::to_string(at.column) + " (save the file as UTF-8)");
    }

    auto impl = std::make_unique<Document::Impl>();
    impl->source.assign(bytes);
    impl->lineStarts = lineStartsOf(impl->source);

    ParseSink sink;
    XmlParserCtxt ctxt{xmlNewParserCtxt()};
    if (!ctxt) throw Failure(Errc::Internal, "xmlNewParserCtxt failed");
    sink.ctxt = ctxt.get();
    ctxt->sax->internalSubset = refuseDoctype;
    ctxt->sax->startElementNs = startElementWithinDepth;
    ctxt->sax->serror = collectParseError;
    ctxt->sax->initialized = XML_SAX2_MAGIC;
    {
        ScopedErrors scope(sink);
        // NONET: no network; NOCDATA: CDATA becomes text. HUGE lifts libxml2's fixed limits (input
        // looked at beyond 10,000,000 bytes, a text node or name that long, 256 levels), which our
        // own replace: maxBytes above and kMaxDepth (see parser.h). Never NOENT/DTDLOAD/DTDATTR/
        // DTDVALID. The encoding argument forces UTF-8 (validated above) whatever the declaration says.
        impl->doc.reset(xmlCtxtReadMemory(ctxt.get(), impl->source.data(), narrow<int>(impl->source.size()), nullptr,
                                          "UTF-8", XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_HUGE));
    }

    if (sink.sawDoctype || (impl->doc && (impl->doc->intSubset || impl->doc->extSubset)))
        return doctypeError(*impl, sink.doctypeLine);

    if (sink.tooDeepAt) return tooDeepError(*impl, *sink.tooDeepAt);

    Errors errors;
    for (const auto& d : sink.diagnostics)
        errors.push_back(Error::invalidInput(Location{{}, d.line, d.column}, vietnameseParseMessage(d), d.message));
    if (sink.omitted > 0) errors.push_back(moreErrors(Errc::InvalidInput, sink.omitted));
    if (!errors.empty()) return errors;
    if (!impl->doc || xmlDocGetRootElement(impl->doc.get()) == nullptr)
        return Error::invalidInput(Location{{}, start.line, start.column}, "Tài liệu XML không có phần tử gốc",
                                   "The XML input has no root element");

    std::vector<const xmlNode*> order;
    collectElements(impl->doc->children, order, impl->elements);
    const auto tags = startTagOffsets(impl->source);
    if (tags.size() == order.size()) {  // always, for a document accepted above
        const auto positions = positionsOf(impl->source, tags);
        for (std::size_t k = 0; k < order.size(); ++k) {
            auto& info = impl->elements[order[k]];
            info.offset = tags[k];
            info.pos = positions[k];
        }
    }

    // Without a DOCTYPE libxml2 already rejects undeclared entities; this is the second lock.
    if (const xmlNode* bad = findEntityRef(impl->doc->children)) return entityRefError(*impl, bad);
    return Document(std::move(impl));
}

}  // namespace vanthu::xml
