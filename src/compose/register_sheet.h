// compose/register_sheet.h: a register book as a printable Composition (decree-30-2020.md §6):
// the outgoing register (Sổ đăng ký văn bản đi) and the incoming one (… văn bản đến) share this
// layout: landscape A4, the organ, the title, the register and year, then one bordered table
// with the 10 columns and its header row repeated on every page. The cells come as text
// (store/ formats them), and the CSV export is written from the same sheet, so the printed book
// and the CSV cannot disagree.
#pragma once

#include <string>
#include <vector>

#include "compose/composition.h"

namespace vanthu::compose {

struct RegisterSheet {
    std::string title;         // "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
    std::string organName;
    std::string registerName;  // "" for the incoming register (one per organ)
    int year = 0;
    std::vector<std::string> headings;
    std::vector<double> relativeWidths;  // one per heading
    std::vector<std::vector<std::string>> rows;
};

// Throws Failure(InvalidInput) when widths or a row do not match the headings.
Composition composeRegisterSheet(const RegisterSheet& sheet);

// The sheet's headings and rows as CSV (RFC 4180: a field holding , " CR or LF is quoted with its
// quotes doubled; CRLF after every line), UTF-8 with a BOM so spreadsheets read the diacritics.
// Title, organ, year and widths are not part of it.
std::string registerSheetCsv(const RegisterSheet& sheet);

}  // namespace vanthu::compose
