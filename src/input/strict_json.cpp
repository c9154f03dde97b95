#include "input/strict_json.h"

#include <Poco/Exception.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <optional>
#include <set>
#include <vector>

#include "core/utf8.h"

namespace vanthu::input {

namespace {

struct Refused {
    std::string field, vi, en;
};

// The control character `s` holds, as "U+0000", or "" (core/utf8.h: tab, LF and CR are text).
std::string controlIn(const std::string& s) {
    const auto c = firstControlCharacter(s);
    return c ? controlName(*c) : "";
}

// Poco's tree builder, with the path of the value being read kept, so a duplicate key or a
// control character is refused where it is, by name.
class StrictHandler final : public Poco::JSON::ParseHandler {
public:
    void startObject() override { enter(true), ParseHandler::startObject(); }
    void endObject() override { frames_.pop_back(), ParseHandler::endObject(); }
    void startArray() override { enter(false), ParseHandler::startArray(); }
    void endArray() override { frames_.pop_back(), ParseHandler::endArray(); }
    void key(const std::string& k) override {
        auto& f = frames_.back();
        f.key = k;
        if (const auto c = controlIn(k); !c.empty())
            throw Refused{path(), "Tên trường chứa ký tự điều khiển " + c, "a field name holds the control character " + c};
        if (!f.keys.insert(k).second)
            throw Refused{path(), "Trường " + path() + " xuất hiện hai lần", "duplicate field " + path()};
        ParseHandler::key(k);
    }
    void value(const std::string& s) override {
        element();
        if (const auto c = controlIn(s); !c.empty())
            throw Refused{path(), "Trường " + path() + " chứa ký tự điều khiển " + c, path() + " holds the control character " + c};
        ParseHandler::value(s);
    }
    void value(int v) override { element(), ParseHandler::value(v); }
    void value(unsigned v) override { element(), ParseHandler::value(v); }
    void value(Poco::Int64 v) override { element(), ParseHandler::value(v); }
    void value(Poco::UInt64 v) override { element(), ParseHandler::value(v); }
    void value(double v) override { element(), ParseHandler::value(v); }
    void value(bool v) override { element(), ParseHandler::value(v); }
    void null() override { element(), ParseHandler::null(); }

private:
    struct Frame {
        bool object = true;
        std::set<std::string> keys;
        std::string key;
        std::size_t next = 0, current = 0;
    };
    void element() {
        if (!frames_.empty() && !frames_.back().object) frames_.back().current = frames_.back().next++;
    }
    void enter(bool object) {
        element();
        frames_.emplace_back();
        frames_.back().object = object;
    }
    std::string path() const {
        std::string p;
        for (const auto& f : frames_) {
            if (f.object) p += (p.empty() ? "" : ".") + f.key;
            else p += "[" + std::to_string(f.current) + "]";
        }
        return p;
    }
    std::vector<Frame> frames_;
};

// Poco cuts a key at an escaped NUL ("na\u0000me" reads as "na") before a handler sees it: the
// raw text of the first key holding "\u0000", or nullopt.
std::optional<std::string> keyWithNul(std::string_view t) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] != '"') continue;
        bool nul = false;
        std::size_t j = i + 1;
        for (; j < t.size() && t[j] != '"'; ++j) {
            if (t[j] != '\\') continue;
            nul = nul || t.substr(j, 6) == "\\u0000";
            ++j;  // the escaped character
        }
        std::size_t k = j + 1;
        while (k < t.size() && (t[k] == ' ' || t[k] == '\t' || t[k] == '\n' || t[k] == '\r')) ++k;
        if (nul && k < t.size() && t[k] == ':') return std::string(t.substr(i + 1, j - i - 1));
        i = j;
    }
    return std::nullopt;
}

Error invalid(std::string field, std::string vi, std::string en) { return Error::invalidInput(std::move(field), std::move(vi), std::move(en)); }

}  // namespace

Result<Poco::JSON::Object::Ptr> parseStrictJsonObject(std::string_view text) {
    if (const auto bad = firstInvalidUtf8(text))
        return invalid("", "JSON không phải UTF-8 hợp lệ (byte " + std::to_string(*bad) + ")",
                       "The JSON is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || text[first] != '{')
        return invalid("", "Nội dung phải là một đối tượng JSON ({…})", "the body must be a JSON object ({…})");
    if (const auto key = keyWithNul(text))
        return invalid(*key, "Tên trường chứa ký tự điều khiển U+0000", "a field name holds the control character U+0000");
    Poco::Dynamic::Var v;
    try {
        Poco::JSON::Parser parser(new StrictHandler);
        v = parser.parse(std::string(text));
    } catch (const Refused& r) {
        return invalid(r.field, r.vi, r.en);
    } catch (const Poco::Exception& e) {
        // Poco quotes the offending byte, which may be half a character: keep printable ASCII.
        std::string why;
        for (char c : e.message()) why += (c >= 0x20 && c < 0x7f) ? c : '?';
        return invalid("", "JSON không hợp lệ: " + why, "Malformed JSON: " + why);
    }
    if (v.type() != typeid(Poco::JSON::Object::Ptr))
        return invalid("", "Nội dung phải là một đối tượng JSON ({…})", "the body must be a JSON object ({…})");
    return v.extract<Poco::JSON::Object::Ptr>();
}

}  // namespace vanthu::input
