#include "model/document.h"

namespace vanthu::model {

bool isValidDate(const Date& d) {
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    const int max = d.month == 2 && leap ? 29 : kDays[d.month - 1];
    return d.day <= max;
}

std::string plainText(const Inlines& runs) {
    std::string s;
    for (const auto& r : runs) s += r.text;
    return s;
}

std::string_view authorityPrefix(Authority a) {
    switch (a) {
        case Authority::None: return "";
        case Authority::TM: return "TM.";
        case Authority::KT: return "KT.";
        case Authority::TL: return "TL.";
        case Authority::TUQ: return "TUQ.";
        case Authority::Q: return "Q.";
    }
    return "";
}

std::string_view secrecyText(Secrecy s) {
    switch (s) {
        case Secrecy::None: return "";
        case Secrecy::Mat: return "MẬT";
        case Secrecy::ToiMat: return "TỐI MẬT";
        case Secrecy::TuyetMat: return "TUYỆT MẬT";
    }
    return "";
}

std::string_view urgencyText(Urgency u) {
    switch (u) {
        case Urgency::None: return "";
        case Urgency::Khan: return "KHẨN";
        case Urgency::ThuongKhan: return "THƯỢNG KHẨN";
        case Urgency::HoaToc: return "HỎA TỐC";
    }
    return "";
}

std::string_view circulationText(Circulation c) {
    switch (c) {
        case Circulation::None: return "";
        case Circulation::XemXongTraLai: return "XEM XONG TRẢ LẠI";
        case Circulation::LuuHanhNoiBo: return "LƯU HÀNH NỘI BỘ";
    }
    return "";
}

std::string_view relationKey(RelationKind k) {
    switch (k) {
        case RelationKind::Replaces: return "replaces";
        case RelationKind::Revokes: return "revokes";
        case RelationKind::Amends: return "amends";
        case RelationKind::Corrects: return "corrects";
        case RelationKind::Implements: return "implements";
        case RelationKind::IssuedWith: return "issued-with";
        case RelationKind::RespondsTo: return "responds-to";
    }
    return "";
}

}  // namespace vanthu::model
