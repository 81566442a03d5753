// Reading an .xlsx workbook back for the tests, independently of the writer: unzipping it with
// libzip and reading its XML parts (the sheets, the shared strings, the styles' number formats).
// Used by the XLSX writer's tests and by the reports' (test_report_documents.cpp).
#pragma once

#include <zip.h>

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace scrutineer::test {

// The parts of an .xlsx file (a zip archive), by name.
inline std::map<std::string, std::string> unzip(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!src) throw std::runtime_error("zip_source_buffer_create failed");
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
    if (!z) {
        zip_source_free(src);
        throw std::runtime_error(std::string("not a zip archive: ") + zip_error_strerror(&error));
    }
    std::map<std::string, std::string> parts;
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st);
        zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
        std::string content(st.size, '\0');
        zip_int64_t got = zip_fread(f, content.data(), st.size);
        zip_fclose(f);
        if (got != static_cast<zip_int64_t>(st.size)) throw std::runtime_error("short read");
        parts[st.name] = content;
    }
    zip_close(z);
    return parts;
}

// XML text with its five entities decoded, in one pass.
inline std::string unescape(const std::string& s) {
    const std::pair<std::string, std::string> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    std::string out;
    for (size_t i = 0; i < s.size();) {
        bool decoded = false;
        for (const auto& [from, to] : entities)
            if (s.compare(i, from.size(), from) == 0) {
                out += to;
                i += from.size();
                decoded = true;
                break;
            }
        if (!decoded) out += s[i++];
    }
    return out;
}

// The values of attribute `attr` of every element `<tag ...>` in `xml`, in order.
inline std::vector<std::string> attributes(const std::string& xml, const std::string& tag,
                                           const std::string& attr) {
    std::vector<std::string> out;
    for (size_t at = 0; (at = xml.find("<" + tag + " ", at)) != std::string::npos; ++at) {
        size_t end = xml.find('>', at);
        std::string element = xml.substr(at, end - at);
        size_t a = element.find(" " + attr + "=\"");
        if (a == std::string::npos) continue;
        a += attr.size() + 3;
        out.push_back(unescape(element.substr(a, element.find('"', a) - a)));
    }
    return out;
}

// The shared strings, in order.
inline std::vector<std::string> shared_strings(const std::string& xml) {
    std::vector<std::string> out;
    for (size_t at = 0; (at = xml.find("<si>", at)) != std::string::npos; ++at) {
        size_t t = xml.find("<t", at);
        size_t start = xml.find('>', t) + 1;
        out.push_back(unescape(xml.substr(start, xml.find("</t>", start) - start)));
    }
    return out;
}

// A workbook read back.
struct Workbook {
    std::map<std::string, std::string> parts;
    std::vector<std::string> strings;

    explicit Workbook(const std::string& bytes) : parts(unzip(bytes)) {
        strings = shared_strings(parts["xl/sharedStrings.xml"]);
    }
    std::vector<std::string> sheet_names() {
        return attributes(parts["xl/workbook.xml"], "sheet", "name");
    }
    std::string sheet_xml(int n) { return parts[fmt_sheet(n)]; }
    static std::string fmt_sheet(int n) {
        return "xl/worksheets/sheet" + std::to_string(n) + ".xml";
    }
    // The <c> element of `cell` ("C3") on sheet n, or "" if there is none.
    std::string cell(int n, const std::string& ref) {
        const std::string& xml = parts[fmt_sheet(n)];
        size_t at = xml.find("<c r=\"" + ref + "\"");
        if (at == std::string::npos) return "";
        size_t end = xml.find("</c>", at);
        size_t self_closed = xml.find("/>", at);
        if (end == std::string::npos || self_closed < xml.find('>', at) + 1) end = self_closed;
        return xml.substr(at, end - at);
    }
    std::string value(int n, const std::string& ref) {
        std::string c = cell(n, ref);
        size_t v = c.find("<v>");
        if (v == std::string::npos) return "";
        return c.substr(v + 3, c.find("</v>") - v - 3);
    }
    bool is_text(int n, const std::string& ref) {
        return cell(n, ref).find("t=\"s\"") != std::string::npos;
    }
    // The text of a shared-string cell.
    std::string text(int n, const std::string& ref) {
        if (!is_text(n, ref)) return "";
        return strings.at(std::stoul(value(n, ref)));
    }
    // The number format of a cell: its style's numFmtId, looked up in the custom formats
    // (built-in ids are given as "builtin:N").
    std::string number_format(int n, const std::string& ref) {
        auto style = attributes(cell(n, ref), "c", "s");
        size_t xf = style.empty() ? 0 : std::stoul(style[0]);
        const std::string& styles = parts["xl/styles.xml"];
        size_t xfs = styles.find("<cellXfs");
        auto ids =
            attributes(styles.substr(xfs, styles.find("</cellXfs>") - xfs), "xf", "numFmtId");
        std::string id = ids.at(xf);
        auto fmt_ids = attributes(styles, "numFmt", "numFmtId");
        auto codes = attributes(styles, "numFmt", "formatCode");
        for (size_t i = 0; i < fmt_ids.size(); ++i)
            if (fmt_ids[i] == id) return codes[i];
        return "builtin:" + id;
    }
};

}  // namespace scrutineer::test
