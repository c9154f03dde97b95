// input/organ_names.h (private to the text import): the organ lines of a header → the issuing
// organ and its cơ quan chủ quản.
//
// The left-hand block of the header prints the chủ quản (if any) over the issuer, and either may
// wrap onto a second line. "ỦY BAN NHÂN DÂN" over "TỈNH ĐẮK NÔNG" is one organ: the People's
// Committees and Councils of a tỉnh, huyện or xã have no chủ quản line (Decree 30 PL I II.2), so
// a bare council or committee name followed by a locality ("TỈNH …", "HUYỆN …", "XÃ …",
// "THÀNH PHỐ …", "QUẬN …", "PHƯỜNG …", "THỊ XÃ …", "THỊ TRẤN …") is read as one name. A line
// that begins with a kind of organ ("SỞ …", "CỤC …", "BỘ …") starts a new organ: "BỘ TƯ PHÁP" over
// "CỤC …", "UBND TỈNH X" over "SỞ NỘI VỤ" are chủ quản and issuer. The agency directory, when
// the caller gives one (ImportOptions::findOrgan), settles what the words cannot.
#pragma once

#include <string>
#include <vector>

#include "core/warning.h"
#include "input/text_import.h"
#include "model/document.h"

namespace vanthu::input::detail {

struct OrganLine {
    std::string text;  // upper case, as printed
    int no = 0;        // source line
};

struct OrganReading {
    model::Organ parent;  // empty when there is none
    model::Organ issuer;  // empty when the header names no organ
    Warnings notes;       // each join, split and directory match, with its line
};

OrganReading readOrgans(const std::vector<OrganLine>& lines, const OrganLookup& findOrgan);

}  // namespace vanthu::input::detail
