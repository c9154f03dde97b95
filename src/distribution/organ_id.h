// distribution/organ_id.h: the organisation identifier (mã định danh) of QCVN 102:2016
// (edxml.md §6): "L4.L3.L2.L1", e.g. "000.00.00.G12" for a level-1 body.
#pragma once

#include <string>
#include <string_view>

namespace vanthu::distribution {

// What we emit must match ^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$ (13 characters).
bool isStrictOrganId(std::string_view id) noexcept;

// What we accept on input (edxml.md §6, as Bkav checks): non-empty, no white space or control
// characters, at most 4 dot-separated segments, none of them empty. Ids such as "28.22.H17" or
// "H37.DN.001" pass; the caller logs a warning when !isStrictOrganId(id).
bool isAcceptableOrganId(std::string_view id) noexcept;

// The parent in the hierarchy: the leftmost non-zero level set to zero ("000.00.16.H40" →
// "000.00.00.H40"); "" for a level-1 id or an id that is not strict.
std::string parentOrganId(std::string_view id);

}  // namespace vanthu::distribution
