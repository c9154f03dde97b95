// model/document_type.h: the document types of Decree 30/2020 Điều 7 and their abbreviations
// (decree-30-2020.md §5). Abbreviations are case-exact: QyĐ, CTr, TTr; HĐ ≠ HD, ĐA ≠ DA.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace vanthu::model {

enum class DocumentType {
    NghiQuyet, QuyetDinh, ChiThi, QuyChe, QuyDinh, ThongCao, ThongBao, HuongDan, ChuongTrinh,
    KeHoach, PhuongAn, DeAn, DuAn, BaoCao, BienBan, ToTrinh, HopDong, CongVan, CongDien,
    BanGhiNho, BanThoaThuan, GiayUyQuyen, GiayMoi, GiayGioiThieu, GiayNghiPhep, PhieuGui,
    PhieuChuyen, PhieuBao, ThuCong,
};

struct DocumentTypeInfo {
    DocumentType type;
    std::string_view key;           // our XML value: "quyet-dinh"
    std::string_view name;          // "Quyết định" (NFC)
    std::string_view abbreviation;  // "QĐ"; empty for Công văn and Thư công
};

// All 29 types, in the order of Điều 7.
std::span<const DocumentTypeInfo> documentTypes();
const DocumentTypeInfo& info(DocumentType t);
std::optional<DocumentType> typeFromKey(std::string_view key);
// Exact, case-sensitive: "QĐ" → QuyetDinh, "QD" → nullopt, "HD" → HuongDan, "HĐ" → HopDong.
std::optional<DocumentType> typeFromAbbreviation(std::string_view abbr);

}  // namespace vanthu::model
