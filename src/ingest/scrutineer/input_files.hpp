// Where police.uk text comes from: plain .csv files, gzip-compressed .csv.gz files, directories
// of either (read recursively, as an unpacked archive is laid out), and the police.uk archive
// .zip as downloaded (YYYY-MM/YYYY-MM-<force>-street.csv inside).
#pragma once

#include <cstddef>
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
// Throws InputError for a path that does not exist, is not a regular file (a FIFO, a device)
// or a folder, an archive that cannot be opened, a folder or archive with no such file in it,
// and a file in a folder named as police.uk files are that is not a regular file.
std::vector<InputFile> list_inputs(const std::vector<std::string>& paths,
                                   std::vector<std::string>* skipped = nullptr);

// A reusable buffer for one input's whole text. Reading files into a buffer that is reused
// (rather than memory-mapping each one) keeps the text in cache for the scanner: with mmap the
// scan stalls on every new page (measured: 2.6 s against 1.9 s for the national set).
class TextBuffer {
  public:
    std::string_view text() const { return {data_.get(), size_}; }
    // Room for at least n bytes (exactly n when it grows), keeping the first `keep` bytes. New
    // memory is mapped with its pages already present (MAP_POPULATE): faulting them in one at a
    // time as read() fills them was a fifth of importing a month of national files on the
    // reference virtual machine.
    char* reserve(size_t n, size_t keep = 0);
    void set_size(size_t n) { size_ = n; }
    size_t capacity() const { return capacity_; }
    char* data() const { return data_.get(); }

  private:
    struct Unmap {
        size_t bytes;
        void operator()(char* p) const;
    };
    std::unique_ptr<char, Unmap> data_{nullptr, Unmap{0}};
    size_t capacity_ = 0, size_ = 0;
};

// The most of one input's text held in memory at once: a file up to this size is read whole
// (every police.uk month is: 1-30 MB), a bigger one (or a zip entry that expands to ~1 GB, an
// upload made to fill the memory) in pieces of this size, so memory does not grow with it.
inline constexpr size_t kTextPieceBytes = size_t{64} << 20;

// Reads one input's text (decompressed) from its start, a piece at a time. Opens the input at
// construction; throws InputError naming it when it is not a regular file, cannot be opened,
// read or decompressed, or expands (gzip, zip) to more than a police.uk file can be.
class TextReader {
  public:
    explicit TextReader(const InputFile& input);
    ~TextReader();
    TextReader(const TextReader&) = delete;
    TextReader& operator=(const TextReader&) = delete;

    // Reads up to n bytes to p: n unless the text ends first; 0 at its end.
    size_t read(char* p, size_t n);
    const std::string& name() const { return name_; }

  private:
    struct Source;
    InputFile input_;
    std::string name_;
    std::unique_ptr<Source> source_;
    uint64_t total_ = 0;
};

// The size of buffer that reads each of `inputs` without growing (their largest, at most
// kTextPieceBytes): reserved once per thread, before the first file.
size_t text_buffer_bytes(const std::vector<InputFile>& inputs);

// Reads (and decompresses) a whole input into `buffer` (for small files and tests; the importer
// reads in pieces). Throws InputError when the file cannot be read or decompressed.
void load_text(const InputFile& input, TextBuffer& buffer);

// Reads a whole small file (area files, lookups, counts) as text; throws InputError.
std::string read_file(const std::string& path);

}  // namespace scrutineer
