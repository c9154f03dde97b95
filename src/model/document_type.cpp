#include "model/document_type.h"

#include <array>
#include <stdexcept>

namespace vanthu::model {
namespace {

using T = DocumentType;
constexpr std::array<DocumentTypeInfo, 29> kTypes{{
    {T::NghiQuyet, "nghi-quyet", "Nghị quyết", "NQ"},
    {T::QuyetDinh, "quyet-dinh", "Quyết định", "QĐ"},
    {T::ChiThi, "chi-thi", "Chỉ thị", "CT"},
    {T::QuyChe, "quy-che", "Quy chế", "QC"},
    {T::QuyDinh, "quy-dinh", "Quy định", "QyĐ"},
    {T::ThongCao, "thong-cao", "Thông cáo", "TC"},
    {T::ThongBao, "thong-bao", "Thông báo", "TB"},
    {T::HuongDan, "huong-dan", "Hướng dẫn", "HD"},
    {T::ChuongTrinh, "chuong-trinh", "Chương trình", "CTr"},
    {T::KeHoach, "ke-hoach", "Kế hoạch", "KH"},
    {T::PhuongAn, "phuong-an", "Phương án", "PA"},
    {T::DeAn, "de-an", "Đề án", "ĐA"},
    {T::DuAn, "du-an", "Dự án", "DA"},
    {T::BaoCao, "bao-cao", "Báo cáo", "BC"},
    {T::BienBan, "bien-ban", "Biên bản", "BB"},
    {T::ToTrinh, "to-trinh", "Tờ trình", "TTr"},
    {T::HopDong, "hop-dong", "Hợp đồng", "HĐ"},
    {T::CongVan, "cong-van", "Công văn", ""},
    {T::CongDien, "cong-dien", "Công điện", "CĐ"},
    {T::BanGhiNho, "ban-ghi-nho", "Bản ghi nhớ", "BGN"},
    {T::BanThoaThuan, "ban-thoa-thuan", "Bản thỏa thuận", "BTT"},
    {T::GiayUyQuyen, "giay-uy-quyen", "Giấy ủy quyền", "GUQ"},
    {T::GiayMoi, "giay-moi", "Giấy mời", "GM"},
    {T::GiayGioiThieu, "giay-gioi-thieu", "Giấy giới thiệu", "GGT"},
    {T::GiayNghiPhep, "giay-nghi-phep", "Giấy nghỉ phép", "GNP"},
    {T::PhieuGui, "phieu-gui", "Phiếu gửi", "PG"},
    {T::PhieuChuyen, "phieu-chuyen", "Phiếu chuyển", "PC"},
    {T::PhieuBao, "phieu-bao", "Phiếu báo", "PB"},
    {T::ThuCong, "thu-cong", "Thư công", ""},
}};

}  // namespace

std::span<const DocumentTypeInfo> documentTypes() { return kTypes; }

const DocumentTypeInfo& info(DocumentType t) {
    for (const auto& i : kTypes)
        if (i.type == t) return i;
    throw std::logic_error("unknown DocumentType");
}

std::optional<DocumentType> typeFromKey(std::string_view key) {
    for (const auto& i : kTypes)
        if (i.key == key) return i.type;
    return std::nullopt;
}

std::optional<DocumentType> typeFromAbbreviation(std::string_view abbr) {
    if (abbr.empty()) return std::nullopt;
    for (const auto& i : kTypes)
        if (i.abbreviation == abbr) return i.type;
    return std::nullopt;
}

}  // namespace vanthu::model
