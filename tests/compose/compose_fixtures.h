// tests/compose/compose_fixtures.h: model::Document fixtures built in C++ (after the seeds in
// /work/shared/seeds) and helpers to look into a Composition.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "compose/composer.h"
#include "compose/composition.h"
#include "model/document.h"

namespace vanthu::compose::testing {

// The one Composer of the test run (templates and fonts of the source tree).
const Composer& composer();
ComposeOptions options();  // a fixed instant: 2018-05-08T09:30:00Z

model::Inlines plain(std::string s);
model::Block paragraph(std::string s);
model::Block article(std::string title, std::string text = {}, std::vector<model::Block> children = {});
model::Block clause(std::string text, std::vector<model::Block> children = {});
model::Block point(std::string text);
model::Block heading(int level, std::string title, std::vector<model::Block> children = {});
model::Block bullet(std::string s);

// Quyết định 1020/QĐ-BTP of 08/5/2018 (seed 000): chủ quản-less ministry, three căn cứ with the
// seed's punctuation (the last ends with ','), three untitled articles, KT. signature, Nơi nhận,
// an attached Kế hoạch with headings, and one appendix.
model::Document quyetDinh1020();
// A công văn of a Sở with a chủ quản, several addressees, urgency, secrecy, circulation, contact.
model::Document congVan();
// quyetDinh1020() without number and date.
model::Document draftQuyetDinh();
// A Biên bản with THƯ KÝ and CHỦ TỌA.
model::Document bienBan();
// A Kế hoạch (default template) with chapters, sections, titled articles, clauses, points, a table.
model::Document keHoach();

// ---- looking into a Composition ----

// Every paragraph of a section in reading order: a table row by row, each row cell by cell.
std::vector<const Paragraph*> paragraphs(const Section& s);
std::vector<const Paragraph*> all(const Section& s, Role r);
const Paragraph* first(const Section& s, Role r);  // nullptr if none
std::vector<Role> roles(const Section& s);
const Table* table(const Section& s, Table::Kind k);  // the first of that kind
// Every string of the composition (spans, metadata), for NFC checks.
std::vector<std::string> allStrings(const Composition& c);

}  // namespace vanthu::compose::testing
