#include "xml/schema.h"

#include <vector>

#include <libxml/xmlerror.h>
#include <libxml/schemasInternals.h>  // xmlSchema::targetNamespace
#include <libxml/xmlschemas.h>

#include "xml/document_impl.h"

namespace vanthu::xml {
namespace {

using XmlSchema = CHandle<xmlSchema, xmlSchemaFree>;
using XmlSchemaParserCtxt = CHandle<xmlSchemaParserCtxt, xmlSchemaFreeParserCtxt>;
using XmlSchemaValidCtxt = CHandle<xmlSchemaValidCtxt, xmlSchemaFreeValidCtxt>;

struct RawValidityError {
    int code = 0;
    int line = 0;
    const xmlNode* node = nullptr;
    std::string message;
};

struct Sink {
    std::vector<RawValidityError> errors;  // at most kMaxErrors
    std::size_t omitted = 0;
};

void collect(void* sink, xmlErrorPtr e) {  // libxml2 2.9 signature; 2.12+ passes const xmlError*
    if (e == nullptr || e->level < XML_ERR_ERROR) return;
    auto& s = *static_cast<Sink*>(sink);
    if (s.errors.size() >= kMaxErrors) {
        ++s.omitted;
        return;
    }
    std::string m = e->message ? e->message : "";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    s.errors.push_back({e->code, e->line, static_cast<const xmlNode*>(e->node), std::move(m)});
}

void replaceAll(std::string& s, std::string_view from, std::string_view to) {
    if (from.empty()) return;
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

// The parts of a libxml2 validity message:
//   Element 'issueDate': '2018-13-45' is not a valid value of the atomic type 'xs:date'.
//   Element 'code', attribute 'notation': [facet 'pattern'] The value 'QĐ/BTP' is not accepted …
struct Parsed {
    std::string element;    // local name, "" if the message has no "Element '…'" prefix
    std::string attribute;  // "" unless ", attribute '…'"
    std::string rest;       // after ": "
};

std::string localPart(std::string q) {
    if (!q.empty() && q.front() == '{') {
        const auto close = q.find('}');
        if (close != std::string::npos) q.erase(0, close + 1);
    }
    return q;
}

Parsed parseMessage(const std::string& m) {
    Parsed p;
    p.rest = m;
    constexpr std::string_view kElement = "Element '";
    constexpr std::string_view kAttribute = ", attribute '";
    if (!std::string_view(m).starts_with(kElement)) return p;
    std::size_t i = kElement.size();
    const auto endElement = m.find('\'', i);
    if (endElement == std::string::npos) return p;
    p.element = localPart(m.substr(i, endElement - i));
    i = endElement + 1;
    if (std::string_view(m).substr(i).starts_with(kAttribute)) {
        i += kAttribute.size();
        const auto endAttr = m.find('\'', i);
        if (endAttr == std::string::npos) return p;
        p.attribute = localPart(m.substr(i, endAttr - i));
        i = endAttr + 1;
    }
    if (std::string_view(m).substr(i).starts_with(": ")) i += 2;
    p.rest = m.substr(i);
    if (std::string_view(p.rest).starts_with("[facet '")) {  // "[facet 'pattern'] The value …"
        const auto close = p.rest.find("] ");
        if (close != std::string::npos) p.rest.erase(0, close + 2);
    }
    return p;
}

// The quoted strings of a message part, in order: "The value 'x' … length of '30'" → {x, 30}.
std::vector<std::string> quotedValues(const std::string& s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while ((i = s.find('\'', i)) != std::string::npos) {
        const auto close = s.find('\'', i + 1);
        if (close == std::string::npos) break;
        out.push_back(s.substr(i + 1, close - i - 1));
        i = close + 1;
    }
    return out;
}

std::string between(const std::string& s, std::string_view open, std::string_view close) {
    const auto a = s.find(open);
    if (a == std::string::npos) return {};
    const auto from = a + open.size();
    const auto b = s.rfind(close);
    if (b == std::string::npos || b < from) return {};
    return s.substr(from, b - from);
}

// "nghi-quyet', 'quyet-dinh" style lists from libxml2 → "nghi-quyet, quyet-dinh".
std::string unquoteList(std::string s) {
    replaceAll(s, "'", "");
    return s;
}

std::string typeWording(const std::string& type, bool list) {
    if (list) return "một danh sách hợp lệ";
    if (type == "xs:date") return "ngày hợp lệ (dạng NNNN-TT-NN, ví dụ 2018-05-08)";
    if (type == "xs:dateTime") return "thời điểm hợp lệ";
    if (type == "xs:positiveInteger") return "số nguyên dương";
    if (type == "xs:nonNegativeInteger") return "số nguyên không âm";
    if (type == "xs:integer" || type == "xs:int" || type == "xs:long" || type == "xs:short") return "số nguyên";
    if (type == "xs:decimal" || type == "xs:double" || type == "xs:float") return "số";
    if (type == "xs:boolean") return "giá trị đúng/sai (true, false, 1 hoặc 0)";
    return "giá trị hợp lệ";
}

std::string vietnamese(int code, const Parsed& p) {
    const std::string subject = p.attribute.empty() ? "phần tử " + p.element
                                                    : "thuộc tính '" + p.attribute + "' của phần tử " + p.element;
    const std::string Subject = p.attribute.empty() ? "Phần tử " + p.element
                                                    : "Thuộc tính '" + p.attribute + "' của phần tử " + p.element;
    const auto q = quotedValues(p.rest);
    const std::string value = q.empty() ? std::string() : q.front();
    switch (code) {
        case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
        case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2:
        case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3:
        case XML_SCHEMAV_CVC_TYPE_3_1_1:
        case XML_SCHEMAV_CVC_TYPE_3_1_2:
        case XML_SCHEMAV_VALUE: {
            const bool list = p.rest.find("list type") != std::string::npos;
            const std::string type = q.size() >= 2 ? q[1] : std::string();
            return "Giá trị '" + value + "' của " + subject + " không phải là " + typeWording(type, list);
        }
        case XML_SCHEMAV_CVC_PATTERN_VALID: {
            const std::string pattern = q.size() >= 2 ? q[1] : std::string();
            if (pattern == ".*\\S.*") {  // NonEmptyText: empty, blank, or written over several lines
                if (value.find_first_not_of(" \t\r\n") == std::string::npos) return Subject + " không được để trống";
                return "Giá trị của " + subject + " phải viết trên một dòng (không xuống dòng)";
            }
            return "Giá trị '" + value + "' của " + subject + " không đúng định dạng (mẫu '" + pattern + "')";
        }
        case XML_SCHEMAV_CVC_ENUMERATION_VALID:
            return "Giá trị '" + value + "' của " + subject + " không được phép; các giá trị hợp lệ: " +
                   unquoteList(between(p.rest, "{", "}"));
        case XML_SCHEMAV_CVC_LENGTH_VALID:
        case XML_SCHEMAV_CVC_MINLENGTH_VALID:
        case XML_SCHEMAV_CVC_MAXLENGTH_VALID: {
            const std::string limit = q.empty() ? std::string() : q.back();
            const std::string actual = q.size() >= 2 ? q[q.size() - 2] : std::string();
            if (code == XML_SCHEMAV_CVC_MAXLENGTH_VALID)
                return "Giá trị của " + subject + " dài " + actual + " ký tự, vượt quá tối đa " + limit + " ký tự";
            if (code == XML_SCHEMAV_CVC_MINLENGTH_VALID)
                return actual == "0" ? Subject + " không được để trống"
                                     : "Giá trị của " + subject + " dài " + actual + " ký tự, ít hơn tối thiểu " + limit + " ký tự";
            return "Giá trị của " + subject + " dài " + actual + " ký tự, phải đúng " + limit + " ký tự";
        }
        case XML_SCHEMAV_CVC_MININCLUSIVE_VALID:
        case XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID:
            return "Giá trị '" + value + "' của " + subject + " nhỏ hơn mức tối thiểu cho phép (" +
                   (q.size() >= 2 ? q.back() : std::string()) + ")";
        case XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID:
        case XML_SCHEMAV_CVC_MAXEXCLUSIVE_VALID:
            return "Giá trị '" + value + "' của " + subject + " lớn hơn mức tối đa cho phép (" +
                   (q.size() >= 2 ? q.back() : std::string()) + ")";
        case XML_SCHEMAV_CVC_TOTALDIGITS_VALID:
        case XML_SCHEMAV_CVC_FRACTIONDIGITS_VALID:
            return "Giá trị '" + value + "' của " + subject + " có quá nhiều chữ số";
        case XML_SCHEMAV_ELEMENT_CONTENT: {
            std::string expected = between(p.rest, "( ", " )");
            const std::string need = expected.empty() ? std::string()
                                     : (p.rest.find("one of") != std::string::npos ? "; cần một trong các phần tử: " : "; cần phần tử: ") + expected;
            if (p.rest.starts_with("Missing child element"))
                return "Phần tử " + p.element + " thiếu phần tử con bắt buộc" + need;
            return "Phần tử '" + p.element + "' không được phép ở đây" + need;
        }
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
        case XML_SCHEMAV_ATTRUNKNOWN:
            return "Thuộc tính '" + (p.attribute.empty() ? value : p.attribute) + "' không được phép trong phần tử " + p.element;
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
            return "Thiếu thuộc tính bắt buộc '" + value + "' của phần tử " + p.element;
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
            return "Phần tử " + p.element + " không được chứa văn bản trực tiếp";
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2:
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_4:
            return "Phần tử " + p.element + " không được chứa phần tử con";
        case XML_SCHEMAV_CVC_ELT_1:
            return "Phần tử gốc '" + p.element + "' không có trong lược đồ (kiểm tra tên phần tử gốc và xmlns)";
        case XML_SCHEMAV_DOCUMENT_ELEMENT_MISSING: return "Tài liệu không có phần tử gốc";
        default:
            return p.element.empty() ? "Tài liệu không đúng lược đồ"
                                     : Subject + " không đúng lược đồ tài liệu";
    }
}

}  // namespace

struct Schema::Impl {
    XmlSchema schema;
    std::string targetNamespace;
};

Schema::Schema(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Schema::~Schema() = default;

const std::string& Schema::targetNamespace() const { return impl_->targetNamespace; }

std::shared_ptr<const Schema> Schema::load(const std::filesystem::path& xsd) {
    initialise();
    std::error_code ec;
    const auto file = std::filesystem::weakly_canonical(std::filesystem::absolute(xsd, ec), ec);
    if (ec || !std::filesystem::is_regular_file(file, ec))
        throw Failure(Errc::Internal, "schema not found: " + xsd.string());
    LoaderAllowance allow(file.parent_path());

    Sink diagnostics;
    XmlSchemaParserCtxt pctxt{xmlSchemaNewParserCtxt(file.c_str())};
    if (!pctxt) throw Failure(Errc::Internal, "xmlSchemaNewParserCtxt failed for " + file.string());
    xmlSchemaSetParserStructuredErrors(pctxt.get(), collect, &diagnostics);
    auto impl = std::make_unique<Impl>();
    impl->schema.reset(xmlSchemaParse(pctxt.get()));
    if (!impl->schema || !diagnostics.errors.empty()) {
        std::string what = "schema " + file.string() + " does not compile";
        for (const auto& d : diagnostics.errors) what += "; line " + std::to_string(d.line) + ": " + d.message;
        throw Failure(Errc::Internal, what);
    }
    if (impl->schema->targetNamespace != nullptr)
        impl->targetNamespace = reinterpret_cast<const char*>(impl->schema->targetNamespace);
    return std::make_shared<const Schema>(std::move(impl));
}

Errors Schema::validate(const Document& doc) const {
    Sink sink;
    XmlSchemaValidCtxt ctxt{xmlSchemaNewValidCtxt(impl_->schema.get())};  // one context per call
    if (!ctxt) throw Failure(Errc::Internal, "xmlSchemaNewValidCtxt failed");
    xmlSchemaSetValidStructuredErrors(ctxt.get(), collect, &sink);
    if (xmlSchemaValidateDoc(ctxt.get(), static_cast<xmlDoc*>(doc.raw())) < 0)
        throw Failure(Errc::Internal, "the XSD validator failed");

    const std::string nsPrefix = impl_->targetNamespace.empty() ? std::string() : "{" + impl_->targetNamespace + "}";
    Errors out;
    out.reserve(sink.errors.size() + 1);
    for (auto& r : sink.errors) {
        Error e;
        e.code = Errc::SchemaViolation;
        std::string en = r.message;
        replaceAll(en, nsPrefix, "");
        for (auto& c : en)
            if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        const Parsed parsed = parseMessage(en);
        e.messageVi = vietnamese(r.code, parsed);
        e.messageEn = std::move(en);
        const Node element = (r.node && r.node->type == XML_ELEMENT_NODE) ? Node::fromRaw(r.node) : Node();
        if (element) {
            const Node attr = parsed.attribute.empty() ? Node() : element.attributeNode(parsed.attribute);
            const Node at = attr ? attr : element;
            const auto pos = doc.position(at);
            e.line = pos.line;
            e.column = pos.column;
            e.field = doc.path(element);
            if (r.code == XML_SCHEMAV_CVC_COMPLEX_TYPE_4) {  // missing attribute: name the one missing
                const auto q = quotedValues(parsed.rest);
                if (!q.empty()) e.field += "/@" + q.front();
            } else if (!parsed.attribute.empty()) {
                e.field += "/@" + parsed.attribute;
            }
        } else {
            e.line = r.line;
        }
        out.push_back(std::move(e));
    }
    if (sink.omitted > 0) out.push_back(moreErrors(Errc::SchemaViolation, sink.omitted));
    return out;
}

}  // namespace vanthu::xml
