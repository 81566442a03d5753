// Where police.uk text comes from: plain .csv files, gzip-compressed .csv.gz files, directories
// of either (read recursively, as an unpacked archive is laid out), and the police.uk archive
// .zip as downloaded (YYYY-MM/YYYY-MM-<force>-street.csv inside).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
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

// A reusable buffer for one input's whole text. Reading files into a buffer that is reused
// (rather than memory-mapping each one) keeps the text in cache for the scanner: with mmap the
// scan stalls on every new page (measured: 2.6 s against 1.9 s for the national set).
class TextBuffer {
  public:
    std::string_view text() const { return {data_.get(), size_}; }
    // Room for at least n bytes, keeping the first `keep` bytes. New memory is mapped with its
    // pages already present (MAP_POPULATE): faulting them in one at a time as read() fills them
    // was a fifth of importing a month of national files on the reference virtual machine.
    char* reserve(size_t n, size_t keep = 0);
    void set_size(size_t n) { size_ = n; }

  private:
    struct Unmap {
        size_t bytes;
        void operator()(char* p) const;
    };
    std::unique_ptr<char, Unmap> data_{nullptr, Unmap{0}};
    size_t capacity_ = 0, size_ = 0;
};

// Reads (and decompresses) a whole input into `buffer`. Throws InputError when the file cannot
// be read or decompressed.
void load_text(const InputFile& input, TextBuffer& buffer);

// Reads a whole small file (area files, lookups, counts) as text; throws InputError.
std::string read_file(const std::string& path);

}  // namespace scrutineer
