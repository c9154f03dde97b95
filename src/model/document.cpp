#include "model/document.h"

namespace vanthu::model {

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
