#include "render/render_budget.h"

#include <string>

namespace vanthu::render {
namespace {

void addRuns(const model::Inlines& runs, RenderCost& cost) {
    cost.runs += runs.size();
    for (const auto& r : runs) cost.characters += r.text.size();
}

void addBlocks(const std::vector<model::Block>& blocks, RenderCost& cost) {
    for (const auto& b : blocks) {
        ++cost.blocks;
        addRuns(b.title, cost);
        addRuns(b.text, cost);
        addBlocks(b.children, cost);
    }
}

}  // namespace

RenderCost costOf(const model::Document& doc) {
    RenderCost cost;
    addBlocks(doc.body, cost);
    for (const auto& a : doc.appendices) addBlocks(a.body, cost);
    for (const auto& at : doc.attachments) {
        addBlocks(at.body, cost);
        for (const auto& a : at.appendices) addBlocks(a.body, cost);
    }
    return cost;
}

std::optional<Error> overBudget(const RenderCost& cost, const RenderLimits& limits) {
    auto over = [](const char* vi, const char* en, std::size_t have, std::size_t max) {
        return Error::tooLarge("/document/body",
                               std::string("Văn bản quá lớn để dựng trang: ") + vi + " " + std::to_string(have) +
                                   ", tối đa " + std::to_string(max) +
                                   "; hãy tách thành nhiều văn bản hoặc phụ lục, hoặc bớt định dạng",
                               std::string("The document is too large to render: ") + en + " " + std::to_string(have) +
                                   ", at most " + std::to_string(max) +
                                   "; split it into several documents or appendices, or use less formatting");
    };
    if (cost.runs > limits.maxRuns) return over("số đoạn định dạng", "formatted runs", cost.runs, limits.maxRuns);
    if (cost.blocks > limits.maxBlocks) return over("số khối", "blocks", cost.blocks, limits.maxBlocks);
    if (cost.characters > limits.maxCharacters)
        return over("số ký tự (byte)", "characters (bytes)", cost.characters, limits.maxCharacters);
    return std::nullopt;
}

}  // namespace vanthu::render
