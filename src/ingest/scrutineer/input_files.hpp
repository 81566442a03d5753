// Where police.uk text comes from: plain .csv files, gzip-compressed .csv.gz files, directories
// of either (read recursively, as an unpacked archive is laid out), and the police.uk archive
// .zip as downloaded (YYYY-MM/YYYY-MM-<force>-street.csv inside).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace scrutineer {

struct InputFile {
    enum class Kind { plain, gzip, zip_entry };
    Kind kind = Kind::plain;
    std::string path;   // the file on disk (the archive, for zip entries)
    std::string entry;  // the entry's name inside the archive
    uint64_t size = 0;  // bytes on disk (uncompressed size for zip entries)

    std::string display_name() const;  // path, or archive!entry
};

// Expands files, directories and archives into the list of CSV inputs, in a stable order
// (directories sorted by path; archive entries in archive order). Only names ending in .csv,
// .csv.gz (directories) or .csv (archive entries) are taken; `skipped` collects the others.
// Throws InputError for a path that does not exist or an archive that cannot be opened.
std::vector<InputFile> list_inputs(const std::vector<std::string>& paths,
                                   std::vector<std::string>* skipped = nullptr);

// A whole input's text. Plain files are memory-mapped (no copy); others are decompressed.
class LoadedText {
  public:
    LoadedText() = default;
    LoadedText(const LoadedText&) = delete;
    LoadedText& operator=(const LoadedText&) = delete;
    LoadedText(LoadedText&& other) noexcept;
    LoadedText& operator=(LoadedText&& other) noexcept;
    ~LoadedText();

    std::string_view text() const;

    friend LoadedText load_text(const InputFile& input);

  private:
    void release();
    void* map_ = nullptr;
    size_t map_size_ = 0;
    std::string owned_;
};

// Throws InputError when the file cannot be read or decompressed.
LoadedText load_text(const InputFile& input);

// Reads a whole small file (area files, lookups, counts) as text; throws InputError.
std::string read_file(const std::string& path);

}  // namespace scrutineer
