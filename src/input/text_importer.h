// input/text_importer.h (private to the text import): the importer's state and its parts. One
// class with a cursor over the lines, its members defined in three files by part of the document:
//   text_import.cpp       the run, the header, title and preamble, and the finished document
//   text_import_body.cpp  the body: divisions, articles, clauses, points, headings, paragraphs
//   text_import_tail.cpp  Nơi nhận, the signature block, attached documents and appendices
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/warning.h"
#include "input/body_facts.h"
#include "input/body_lines.h"
#include "input/organ_names.h"
#include "input/signature_lines.h"
#include "input/text_import.h"
#include "input/text_lines.h"
#include "model/document.h"

namespace vanthu::input::detail {

std::optional<model::DocumentType> typeFromTitle(const std::string& plain);
bool isDecisionWord(const std::string& plain);
bool isAppendixLabel(const std::string& plain);

class Importer {
public:
    Importer(std::vector<Line> lines, const ImportOptions& o, Warnings splitNotes)
        : lines_(std::move(lines)), options_(o), notes_(std::move(splitNotes)) {}
    Result<ImportOutcome> run();

private:
    // An open block of the body while it is built, innermost last.
    struct Open {
        model::Block* block;
        model::BlockKind kind;
        int level = 0;                 // headings
        std::optional<Scheme> scheme;  // how it was numbered
    };
    struct Tree {
        std::vector<model::Block>* root;
        std::vector<Open> stack;
        std::vector<model::Block>& container() { return stack.empty() ? *root : stack.back().block->children; }
        void push(model::Block b, int level = 0, std::optional<Scheme> scheme = std::nullopt);
        template <class Keep>
        void popUntil(Keep keep) {
            while (!stack.empty() && !keep(stack.back())) stack.pop_back();
        }
        bool inArticle() const;
    };

    // -- cursor (skips blank lines) and notes
    bool more();
    const Line& line() const { return lines_[i_]; }
    const Line* peekNonBlank(std::size_t from) const;
    std::size_t indexOf(const Line* l) const { return static_cast<std::size_t>(l - lines_.data()); }
    static Warning finding(std::string vi, std::string en, std::string field, int line = 0);
    void note(const Line& l, std::string vi, std::string en, std::string field = {});

    // -- header, title, preamble (text_import.cpp)
    void header();
    bool headerCell(const Line& l, const std::string& c);
    bool mark(const std::string& c);
    void codeLine(const Line& l, std::string rest);
    void mainTitle();
    std::string subjectLines();
    std::string cleanSubject(std::string s, const Line& at);
    void skipNote();
    void preamble();
    void addressee(std::string s);
    Result<ImportOutcome> finish();
    void organs();
    void issuerFromAuthority();
    void notationAndAbbreviation(Errors& errors);
    void bodyFacts();

    // -- body (text_import_body.cpp)
    void body(std::vector<model::Block>& root);
    bool endsBody(std::size_t at) const;
    bool positionOnlySignatureAt(std::size_t at) const;
    void division(Tree& t, const UnitLabel& u);
    void article(Tree& t, const UnitLabel& u);
    void numbered(Tree& t, const UnitLabel& u);
    void point(Tree& t, const UnitLabel& u);
    void textBlock(Tree& t);
    bool sibling(Tree& t, const UnitLabel& u, const Line& l);
    bool continuesSentence(const std::string& before, std::size_t at) const;
    void joinBrokenLines(model::Inlines& text, const Line& first, bool title);
    void titleLines(model::Block& b, int most);
    int headingLevel(Scheme s);
    void cleanEnding(model::Inlines& runs, const Line& l);
    void remember(const Line& l);
    bool repeated(const Line& l);
    void table(std::vector<model::Block>& into);
    void scanFacts(const std::string& plain, int line);

    // -- Nơi nhận, signatures, attachments, appendices (text_import_tail.cpp)
    void tail(bool main, std::optional<model::Signature>* attachmentSignature);
    void recipientLines(bool keep);
    void archive(std::string rest);
    model::Signature signature();
    void signerLines(model::Signature& s);
    void takeName(model::Signature& s, const SignerLine& r, const Line& l);
    bool placeholderAt(std::size_t at) const;
    bool signedNameAt(std::size_t at) const;
    const Line* peekPastPlaceholders(std::size_t from) const;
    void attachment(model::DocumentType type);
    void appendix(std::vector<model::Appendix>& into);

    std::vector<Line> lines_;
    const ImportOptions& options_;
    std::size_t i_ = 0;
    model::Document doc_;
    Warnings notes_;
    std::vector<OrganLine> organLines_;
    std::string place_, subject_;
    std::optional<model::Date> date_;
    std::optional<model::DocumentType> type_;
    bool congVan_ = false, haveCode_ = false;
    std::vector<Scheme> schemes_;
    std::set<std::string> seen_;
    struct Found {  // a fact of the body, with the line that states it
        model::Relation relation;
        int line;
    };
    std::vector<Found> relations_;
    bool mainBody_ = false;  // the effective date is the main document's
    struct EffectiveAt {
        EffectiveDate fact;
        int line;
    };
    std::optional<EffectiveAt> effective_;
};

}  // namespace vanthu::input::detail
