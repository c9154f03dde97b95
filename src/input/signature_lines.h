// input/signature_lines.h (private to the text import): the lines of a signature block.
//
// A copied document carries, where the signature was, a placeholder: "Đã ký: Nguyễn Văn A",
// "(Đã ký)", "[Đã ký]", "(đã ký và đóng dấu)", "[chữ ký, đóng dấu]", "(Ký tên, đóng dấu)", an
// image ("![chữ ký](sig.png)"), or "Đã ký" alone above the name. The name may be printed in
// upper case or carry an academic title ("TS. Nguyễn Văn A"); the model keeps the bare name.
#pragma once

#include <optional>
#include <string>

#include "model/document.h"

namespace vanthu::input::detail {

// "KT. BỘ TRƯỞNG", also without the period (a conversion loses it): {KT, "BỘ TRƯỞNG"}.
std::optional<model::AuthorityLine> authorityLine(const std::string& plain);

// A signer's name: 2–6 words, each starting with an upper-case letter, no digits or punctuation.
bool isPersonName(const std::string& plain);

struct SignerLine {
    bool placeholder = false;   // the line is, or holds, a placeholder for a signature or seal
    bool image = false;         // …an image (its caption or file name)
    std::string name;           // the signer's name the line holds, cleaned; empty = none
    std::string droppedTitle;   // "TS." removed before the name
    bool fromUpperCase = false; // the name was printed in capitals ("NGUYỄN VĂN A")
};

// What a line of the signature block says: a placeholder, a name, both ("Đã ký: Nguyễn Văn A",
// "Nguyễn Văn A (đã ký)"), or neither (nullopt). Only asked inside a signature block: "đã ký"
// in running text is not a placeholder.
std::optional<SignerLine> readSignerLine(const std::string& plain);

}  // namespace vanthu::input::detail
