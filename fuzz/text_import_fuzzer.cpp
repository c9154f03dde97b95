// fuzz/text_import_fuzzer.cpp: the import of existing texts (input/text_import.h) on any bytes,
// with and without the options that supply the header. Its notes must be valid UTF-8, and what it
// recognises a document the writer can save (that is what `vanthu import` does with it).
#include "fuzz_support.h"
#include "input/document_writer.h"
#include "input/text_import.h"

using namespace vanthu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = fuzz::bytesOf(data, size);
    fuzz::checkErrors(input::importText(text));

    input::ImportOptions options;
    options.issuer = model::Organ{};
    options.issuer->name = "BỘ TƯ PHÁP";
    options.issuer->abbreviation = "BTP";
    options.place = "Hà Nội";
    options.issueDate = model::Date{2024, 3, 5};
    const auto imported = input::importText(text, options);
    fuzz::checkErrors(imported);
    if (!imported.ok()) return 0;
    for (const auto& note : imported->notes) VANTHU_FUZZ_CHECK(isValidUtf8(note.messageVi) && isValidUtf8(note.messageEn));
    VANTHU_FUZZ_CHECK(isValidUtf8(input::writeDocumentXml(imported->document)));
    return 0;
}
