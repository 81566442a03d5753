#include "read_back.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

namespace scrutineer::test {

std::string output_of(const std::string& command) {
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    pclose(p);
    return out;
}

void expect_in_order(const std::string& text, const std::vector<std::string>& parts) {
    size_t at = 0;
    for (const auto& p : parts) {
        size_t found = text.find(p, at);
        EXPECT_NE(found, std::string::npos) << "missing or out of order: " << p << "\n" << text;
        if (found != std::string::npos) at = found + p.size();
    }
}

size_t count_of(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size()) ++n;
    return n;
}

std::string slurp(const std::string& path) {
    std::string out;
    FILE* f = fopen(path.c_str(), "rb");
    if (!f) return out;
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
    fclose(f);
    return out;
}

PdfFile::PdfFile(const std::string& bytes) : path_(tmp_.write("out.pdf", bytes)) {}

std::string PdfFile::text() const {
    return output_of("pdftotext -layout " + path_ + " -");
}

std::vector<std::string> PdfFile::page_texts() const {
    if (pages_.empty()) {
        std::string all = text();
        size_t start = 0;
        for (size_t ff; (ff = all.find('\f', start)) != std::string::npos; start = ff + 1)
            pages_.push_back(all.substr(start, ff - start));
        if (start < all.size() && all.find_first_not_of(" \n", start) != std::string::npos)
            pages_.push_back(all.substr(start));
    }
    return pages_;
}

std::string PdfFile::page_text(int page) const {
    auto all = page_texts();
    return page >= 1 && static_cast<size_t>(page) <= all.size() ? all[page - 1] : "";
}

int PdfFile::pages() const {
    return static_cast<int>(page_texts().size());
}

int PdfFile::page_of(const std::string& what) const {
    for (int p = 1, n = pages(); p <= n; ++p)
        if (page_text(p).find(what) != std::string::npos) return p;
    return 0;
}

std::string PdfFile::info() const {
    return output_of("pdfinfo " + path_);
}
std::string PdfFile::structure() const {
    return output_of("pdfinfo -struct-text " + path_);
}
std::string PdfFile::xml() const {
    return output_of("pdftohtml -xml -i -stdout " + path_);
}
std::string PdfFile::images() const {
    return output_of("pdfimages -list " + path_);
}
std::string PdfFile::dests() const {
    return output_of("pdfinfo -dests " + path_);
}
std::string PdfFile::bbox() const {
    return output_of("pdftotext -bbox " + path_ + " -");
}

std::string libreoffice_convert(const TempDir& dir, const std::string& file,
                                const std::string& format, const std::string& extension) {
    if (output_of("command -v soffice").empty())
        ADD_FAILURE() << "soffice (LibreOffice) is not installed: scripts/setup.sh installs "
                         "libreoffice-writer-nogui";
    std::string profile = (dir.path / "lo-profile").string();
    std::string out = (dir.path / "converted").string();
    std::string command = "soffice --headless --norestore -env:UserInstallation=file://" + profile +
                          " --convert-to " + format + " --outdir " + out + " " + file + " 2>&1";
    std::string stem = std::filesystem::path(file).stem().string();
    std::string converted = out + "/" + stem + "." + extension;
    std::string log = output_of(command);
    // LibreOffice's first start in a new profile now and then aborts while it sets the profile up
    // (seen on a fresh machine under load: "Fatal exception: Signal 6"); a second start, in the
    // profile the first made, converts. The file is checked either way.
    if (!std::filesystem::exists(converted)) log += "\n(started again)\n" + output_of(command);
    EXPECT_TRUE(std::filesystem::exists(converted)) << "LibreOffice did not convert: " << log;
    return converted;
}

}  // namespace scrutineer::test
