// Organ lines of a header → issuer and chủ quản (organ_names.h).
#include "input/organ_names.h"

#include <array>
#include <string_view>

#include "text/unicode.h"

namespace vanthu::input::detail {
namespace {

bool startsWithWord(const std::string& folded, std::string_view word) {
    return folded.starts_with(word) && (folded.size() == word.size() || folded[word.size()] == ' ');
}

template <std::size_t N>
bool startsWithAny(const std::string& folded, const std::array<std::string_view, N>& words) {
    for (const auto w : words)
        if (startsWithWord(folded, w)) return true;
    return false;
}

// Administrative units (Luật Tổ chức chính quyền địa phương): the place in a committee's name.
constexpr std::array<std::string_view, 9> kLocalities{"tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran", "dac khu"};

// The first words of an organ's own name: a line starting so is a new organ, not a wrap.
constexpr std::array<std::string_view, 40> kOrganKinds{
    "bo", "so", "cuc", "tong cuc", "vu", "vien", "ban", "uy ban", "ubnd", "hdnd", "hoi dong", "truong", "van phong",
    "thanh tra", "trung tam", "phong", "chi cuc", "dai hoc", "hoc vien", "benh vien", "cong ty", "tong cong ty",
    "toa an", "kho bac", "chi nhanh", "doan", "bao", "dai", "ngan hang", "bao hiem", "cong an", "bo chi huy",
    "quy", "tap doan", "hoi", "lien doan", "mat tran", "dang uy", "tinh uy", "thanh uy"};

// A council or committee named without its place: its place follows on the next line.
bool isBareLocalBody(const std::string& folded) {
    return folded == "uy ban nhan dan" || folded == "ubnd" || folded == "hoi dong nhan dan" || folded == "hdnd";
}

bool endsUnfinished(const std::string& folded) {
    return folded.ends_with(" va") || folded.ends_with(",") || folded.ends_with("-") || folded.ends_with(" cua");
}

Warning noteAt(int line, std::string vi, std::string en) {
    return Warning::at(Location{"issuer", line, line > 0 ? 1 : 0}, std::move(vi), std::move(en));
}

// Why line `b` continues the organ name of line `a`, or empty when it does not.
struct Join {
    std::string_view vi, en;
};
std::optional<Join> continues(const std::string& a, const std::string& b, const OrganLookup& findOrgan) {
    const std::string fa = text::fold(a), fb = text::fold(b);
    if (isBareLocalBody(fa) && startsWithAny(fb, kLocalities))
        return Join{"ủy ban/hội đồng nhân dân của một địa phương không có cơ quan chủ quản",
                    "a local People's Committee or Council has no cơ quan chủ quản"};
    if (findOrgan && findOrgan(a + " " + b)) return Join{"danh bạ cơ quan có tên này", "the agency directory knows this name"};
    if (endsUnfinished(fa) || startsWithWord(fb, "va"))
        return Join{"dòng trên chưa hết tên", "the line above does not finish the name"};
    if (startsWithAny(fb, kOrganKinds)) return std::nullopt;
    if (startsWithAny(fb, kLocalities))
        return Join{"dòng dưới là địa danh của tên cơ quan", "the line below is the place in the organ's name"};
    return std::nullopt;
}

model::Organ organNamed(const std::string& name, const OrganLookup& findOrgan, int line, Warnings& notes) {
    model::Organ o{name, "", ""};
    if (!findOrgan) return o;
    if (const auto known = findOrgan(name)) {
        o.abbreviation = known->abbreviation;
        o.organId = known->organId;
        if (!known->name.empty()) o.name = known->name;
        notes.push_back(noteAt(line, "Cơ quan '" + name + "' có trong danh bạ" + (o.organId.empty() ? "" : " (mã " + o.organId + ")"),
                               "Organ '" + name + "' found in the agency directory" + (o.organId.empty() ? "" : " (id " + o.organId + ")")));
    }
    return o;
}

}  // namespace

OrganReading readOrgans(const std::vector<OrganLine>& lines, const OrganLookup& findOrgan) {
    OrganReading out;
    std::vector<OrganLine> organs;
    for (const auto& l : lines) {
        if (!organs.empty()) {
            if (const auto why = continues(organs.back().text, l.text, findOrgan)) {
                out.notes.push_back(noteAt(l.no, "Ghép hai dòng thành một tên cơ quan '" + organs.back().text + " " + l.text + "': " + std::string(why->vi),
                                           "Read two lines as one organ name '" + organs.back().text + " " + l.text + "': " + std::string(why->en)));
                organs.back().text += " " + l.text;
                continue;
            }
        }
        organs.push_back(l);
    }
    if (organs.empty()) return out;
    for (std::size_t k = 0; k + 2 < organs.size(); ++k)  // only the direct chủ quản is printed
        out.notes.push_back(noteAt(organs[k].no, "Bỏ dòng tên cơ quan cấp trên '" + organs[k].text + "': chỉ giữ cơ quan chủ quản trực tiếp",
                                   "Dropped the higher organ line '" + organs[k].text + "': only the direct cơ quan chủ quản is kept"));
    const OrganLine& issuer = organs.back();
    out.issuer = organNamed(issuer.text, findOrgan, issuer.no, out.notes);
    if (organs.size() >= 2) {
        const OrganLine& parent = organs[organs.size() - 2];
        out.parent = organNamed(parent.text, findOrgan, parent.no, out.notes);
        out.notes.push_back(noteAt(parent.no, "Đọc '" + parent.text + "' là cơ quan chủ quản của '" + issuer.text + "'",
                                   "Read '" + parent.text + "' as the cơ quan chủ quản of '" + issuer.text + "'"));
    }
    return out;
}

}  // namespace vanthu::input::detail
