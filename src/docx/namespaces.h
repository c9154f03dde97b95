// docx/namespaces.h (private): namespace names and relationship types of the parts we write
// (ECMA-376 Part 1 §11, Part 2 §9–§11). Transitional namespaces: what Word and LibreOffice write.
#pragma once

#include <string_view>

namespace vanthu::docx::ns {

constexpr std::string_view kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
constexpr std::string_view kPackageRels = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr std::string_view kCoreProps = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
constexpr std::string_view kExtendedProps = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
constexpr std::string_view kCustomProps = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
constexpr std::string_view kVTypes = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kDcTerms = "http://purl.org/dc/terms/";
constexpr std::string_view kDcmiType = "http://purl.org/dc/dcmitype/";
constexpr std::string_view kXsi = "http://www.w3.org/2001/XMLSchema-instance";

// Relationship types.
constexpr std::string_view kRelOfficeDocument =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
constexpr std::string_view kRelCoreProps =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
constexpr std::string_view kRelExtendedProps =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
constexpr std::string_view kRelCustomProps =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
constexpr std::string_view kRelStyles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
constexpr std::string_view kRelSettings = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
constexpr std::string_view kRelFontTable = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable";
constexpr std::string_view kRelHeader = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";

// Content types (Part 1 §11.3, Part 2 §10.1.2).
constexpr std::string_view kCtRels = "application/vnd.openxmlformats-package.relationships+xml";
constexpr std::string_view kCtXml = "application/xml";
constexpr std::string_view kCtDocument =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
constexpr std::string_view kCtStyles = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
constexpr std::string_view kCtSettings = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
constexpr std::string_view kCtFontTable = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
constexpr std::string_view kCtHeader = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
constexpr std::string_view kCtCoreProps = "application/vnd.openxmlformats-package.core-properties+xml";
constexpr std::string_view kCtExtendedProps = "application/vnd.openxmlformats-officedocument.extended-properties+xml";
constexpr std::string_view kCtCustomProps = "application/vnd.openxmlformats-officedocument.custom-properties+xml";

}  // namespace vanthu::docx::ns
