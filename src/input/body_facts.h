// input/body_facts.h (private to the text import): facts a sentence of the body states.
//
//   "… thay thế Quyết định số 123/QĐ-UBND ngày 5 tháng 3 năm 2019 …"  → Replaces 123/QĐ-UBND
//   "Bãi bỏ Quyết định số …", "sửa đổi, bổ sung …", "ban hành kèm theo Quyết định số …"
//   "… có hiệu lực (thi hành) từ/kể từ ngày 01 tháng 7 năm 2024"        → the effective date
//   "… có hiệu lực kể từ ngày ký (ban hành)"                            → the issue date
// Only what the document itself does counts: the verb opens the sentence ("Bãi bỏ …") or the
// sentence is about the document ("Quyết định này thay thế …"); a plan's task "trình … Nghị định
// sửa đổi …" is no relation. A verb's targets are the "số <code>" that follow it in the same
// sentence, up to the next verb;
// "ban hành kèm theo" after another verb names where the target lives ("sửa đổi Quy chế ban
// hành kèm theo Quyết định số …" amends it), so it is no verb of its own there.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/document.h"

namespace vanthu::input::detail {

std::vector<model::Relation> relationsIn(const std::string& plain);

struct EffectiveDate {
    std::optional<model::Date> date;  // as written
    bool onSigning = false;           // "kể từ ngày ký": the issue date
};
std::optional<EffectiveDate> effectiveDateIn(const std::string& plain);

}  // namespace vanthu::input::detail
