// Reading produced files back with second, independent tools, for the tests of every writer and
// report: a command's output, a PDF through poppler's tools (pdftotext, pdfinfo, pdfimages), a
// DOCX through LibreOffice headless. One copy for every test file.
#pragma once

#include <string>
#include <vector>

#include "test_support.hpp"

namespace scrutineer::test {

// Runs a shell command and returns what it wrote to standard output.
std::string output_of(const std::string& command);

// Each of `parts` in `text`, in this order (a test failure naming the first that is not).
void expect_in_order(const std::string& text, const std::vector<std::string>& parts);

// How many times `what` is in `text` (not overlapping).
size_t count_of(const std::string& text, const std::string& what);

// A file's bytes ("" when it cannot be read).
std::string slurp(const std::string& path);

// A PDF's bytes in a file, read back with poppler's command-line tools.
class PdfFile {
  public:
    explicit PdfFile(const std::string& bytes);
    // The text, laid out as on the page; pages are separated by form feeds.
    std::string text() const;
    std::vector<std::string> page_texts() const;  // one a page, from page 1
    std::string page_text(int page) const;        // from 1; "" past the end
    int pages() const;
    int page_of(const std::string& what) const;  // the first page (from 1) with `what`; 0: none
    std::string info() const;                    // pdfinfo
    std::string structure() const;               // pdfinfo -struct-text
    std::string xml() const;                     // pdftohtml -xml
    std::string images() const;                  // pdfimages -list
    std::string dests() const;                   // pdfinfo -dests
    std::string bbox() const;                    // pdftotext -bbox
    const std::string& path() const { return path_; }

  private:
    TempDir tmp_;
    std::string path_;
    mutable std::vector<std::string> pages_;
};

// LibreOffice headless converting `file` to `format` ("txt:Text", "pdf") in its own profile
// directory under `dir` (parallel tests would otherwise share one); the converted file's path.
// A test failure (not a skip) when soffice is missing or does not convert.
std::string libreoffice_convert(const TempDir& dir, const std::string& file,
                                const std::string& format, const std::string& extension);

}  // namespace scrutineer::test
