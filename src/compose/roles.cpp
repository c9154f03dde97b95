// compose/roles.cpp: the names writers give to each Role (DOCX paragraph styles, tests).
// Style ids are the enum names: ASCII, stable, and what a test or a clerk's macro searches for.
// Display names are the Vietnamese names of the components (decree-30-2020.md §2); each is unique,
// and none is a Word built-in style name, so Word and LibreOffice keep them as custom styles.
#include "compose/composition.h"

namespace vanthu::compose {

namespace {

struct RoleNames {
    std::string_view id;
    std::string_view display;
};

constexpr RoleNames names(Role r) {
    switch (r) {
        case Role::ParentOrgan: return {"ParentOrgan", "Cơ quan chủ quản"};
        case Role::Issuer: return {"Issuer", "Cơ quan ban hành"};
        case Role::Number: return {"Number", "Số, ký hiệu"};
        case Role::CongVanSubject: return {"CongVanSubject", "Trích yếu công văn"};
        case Role::QuocHieu: return {"QuocHieu", "Quốc hiệu"};
        case Role::TieuNgu: return {"TieuNgu", "Tiêu ngữ"};
        case Role::PlaceDate: return {"PlaceDate", "Địa danh, ngày tháng"};
        case Role::SecrecyMark: return {"SecrecyMark", "Dấu độ mật"};
        case Role::UrgencyMark: return {"UrgencyMark", "Dấu độ khẩn"};
        case Role::CirculationMark: return {"CirculationMark", "Phạm vi lưu hành"};
        case Role::TypeName: return {"TypeName", "Tên loại văn bản"};
        case Role::Subject: return {"Subject", "Trích yếu"};
        case Role::AttachedNote: return {"AttachedNote", "Kèm theo"};
        case Role::AuthorityLine: return {"AuthorityLine", "Thẩm quyền ban hành"};
        case Role::LegalBasis: return {"LegalBasis", "Căn cứ ban hành"};
        case Role::DecisionWord: return {"DecisionWord", "Lời quyết định"};
        case Role::Addressee: return {"Addressee", "Kính gửi"};
        case Role::PartLabel: return {"PartLabel", "Phần"};
        case Role::PartTitle: return {"PartTitle", "Tên phần"};
        case Role::ChapterLabel: return {"ChapterLabel", "Chương"};
        case Role::ChapterTitle: return {"ChapterTitle", "Tên chương"};
        case Role::SectionLabel: return {"SectionLabel", "Mục"};
        case Role::SectionTitle: return {"SectionTitle", "Tên mục"};
        case Role::Article: return {"Article", "Điều"};
        case Role::Clause: return {"Clause", "Khoản"};
        case Role::Point: return {"Point", "Điểm"};
        case Role::Heading1: return {"Heading1", "Đề mục 1"};
        case Role::Heading2: return {"Heading2", "Đề mục 2"};
        case Role::Heading3: return {"Heading3", "Đề mục 3"};
        case Role::Heading4: return {"Heading4", "Đề mục 4"};
        case Role::Body: return {"Body", "Nội dung"};
        case Role::Bullet: return {"Bullet", "Gạch đầu dòng"};
        case Role::TableText: return {"TableText", "Chữ trong bảng"};
        case Role::RecipientsLabel: return {"RecipientsLabel", "Nơi nhận"};
        case Role::RecipientItem: return {"RecipientItem", "Nơi nhận, mục"};
        case Role::DrafterMark: return {"DrafterMark", "Ký hiệu người soạn thảo"};
        case Role::SignerAuthority: return {"SignerAuthority", "Quyền hạn ký"};
        case Role::SignerPosition: return {"SignerPosition", "Chức vụ người ký"};
        case Role::SignerOtherTitle: return {"SignerOtherTitle", "Chức danh khác"};
        case Role::SignatureSpace: return {"SignatureSpace", "Chữ ký, con dấu"};
        case Role::SignerName: return {"SignerName", "Họ tên người ký"};
        case Role::Contact: return {"Contact", "Địa chỉ liên hệ"};
        case Role::AppendixLabel: return {"AppendixLabel", "Phụ lục"};
        case Role::AppendixTitle: return {"AppendixTitle", "Tên phụ lục"};
        case Role::Spacer: return {"Spacer", "Dòng trống"};
    }
    return {"Body", "Nội dung"};  // unreachable for valid enum values
}

}  // namespace

std::string_view roleStyleId(Role r) { return names(r).id; }
std::string_view roleDisplayName(Role r) { return names(r).display; }

}  // namespace vanthu::compose
