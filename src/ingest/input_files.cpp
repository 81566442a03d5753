#include "scrutineer/input_files.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <new>
#include <sstream>

#include "scrutineer/input_error.hpp"

namespace fs = std::filesystem;

namespace scrutineer {
namespace {

// The most a compressed input may expand to. A police.uk file is one force's month (Norfolk's is
// about 1.2 MB, the largest force's tens of MB); a zip entry that says it is bigger, or a gzip
// stream that keeps expanding past this, is refused before it can fill the memory (a "zip bomb").
constexpr uint64_t kMaxExpandedBytes = uint64_t{1} << 30;

std::string too_big() {
    return fmt::format("expands to more than {} MB, more than a police.uk file can be",
                       kMaxExpandedBytes >> 20);
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

// Why an entry's stated size cannot be true of its compressed bytes, or "" when it can be. Its
// memory is set aside before it is read, so a small entry that claims hundreds of megabytes
// (fuzzing found one) would take them for nothing: deflate expands at most 1,032 times (zlib's
// technical details), and a stored entry is its own size. Other methods are held only to
// kMaxExpandedBytes.
std::string impossible_size(const zip_stat_t& st) {
    constexpr zip_uint64_t kDeflateMaxRatio = 1032, kSlack = 1024;
    if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE) ||
        !(st.valid & ZIP_STAT_COMP_METHOD))
        return "";
    bool impossible =
        (st.comp_method == ZIP_CM_STORE && st.size != st.comp_size) ||
        (st.comp_method == ZIP_CM_DEFLATE && st.size > st.comp_size * kDeflateMaxRatio + kSlack);
    if (!impossible) return "";
    return fmt::format(
        "the archive entry is corrupt: it says it expands to {} bytes, which its {} compressed "
        "bytes cannot",
        st.size, st.comp_size);
}

const char* const kHoldsNone =
    "holds no police.uk files (.csv or .csv.gz files, or a .zip of them)";
const char* const kNotRegular =
    "not a regular file; give a .csv, .csv.gz, .zip or a folder of them";

// Opens `path` for reading if it is a regular file, else throws naming `name`. A FIFO, a device
// such as /dev/zero or a socket is never read: it may never end, and has no size to check
// (reading /dev/zero as a police.uk file once set aside memory until std::bad_alloc).
// O_NONBLOCK: opening a FIFO would otherwise wait for a writer; it changes nothing for the
// reads of a regular file. The check is made on the file opened, not on its name.
int open_regular(const std::string& path, const std::string& name) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) throw InputError(name, 0, "", std::strerror(errno));
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw InputError(name, 0, "", kNotRegular);
    }
    return fd;
}

zip_t* open_zip(const std::string& path) {
    int fd = open_regular(path, path);
    int err = 0;
    zip_t* z = zip_fdopen(fd, 0, &err);  // owns fd from here, if it opens
    if (!z) {
        ::close(fd);
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        std::string why = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        throw InputError(path, 0, "", "cannot open the zip archive: " + why);
    }
    return z;
}

void add_zip(const std::string& path, std::vector<InputFile>& out,
             std::vector<std::string>* skipped) {
    zip_t* z = open_zip(path);
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        if (zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
        std::string name = st.name ? st.name : "";
        if (name.empty() || name.back() == '/') continue;
        if (!ends_with(name, ".csv")) {
            if (skipped) skipped->push_back(path + "!" + name);
            continue;
        }
        if (std::string why = impossible_size(st); !why.empty()) {
            zip_close(z);
            throw InputError(path + "!" + name, 0, "", why);
        }
        out.push_back(InputFile{InputFile::Kind::zip_entry, path, name, st.size});
    }
    zip_close(z);
}

void add_file(const fs::path& p, std::vector<InputFile>& out, std::vector<std::string>* skipped,
              bool named_explicitly) {
    std::string s = p.string();
    bool wanted = ends_with(s, ".csv") || ends_with(s, ".csv.gz") || ends_with(s, ".zip");
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (!ec && !fs::is_regular_file(status) && (wanted || named_explicitly))
        throw InputError(s, 0, "", kNotRegular);
    uint64_t size = fs::file_size(p, ec);
    if (ec) size = 0;
    if (ends_with(s, ".csv"))
        out.push_back(InputFile{InputFile::Kind::plain, s, "", size});
    else if (ends_with(s, ".csv.gz"))
        out.push_back(InputFile{InputFile::Kind::gzip, s, "", size});
    else if (ends_with(s, ".zip"))
        add_zip(s, out, skipped);
    else if (named_explicitly)
        throw InputError(s, 0, "", "not a .csv, .csv.gz or .zip file");
    else if (skipped)
        skipped->push_back(s);
}

}  // namespace

std::string InputFile::display_name() const {
    return kind == Kind::zip_entry ? path + "!" + entry : path;
}

std::vector<InputFile> list_inputs(const std::vector<std::string>& paths,
                                   std::vector<std::string>* skipped) {
    std::vector<InputFile> out;
    for (const auto& path : paths) {
        const size_t before = out.size();
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) throw InputError(path, 0, "", "no such file or directory");
        if (fs::is_directory(status)) {
            std::vector<fs::path> files;
            for (auto it = fs::recursive_directory_iterator(path, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
                if (!it->is_directory()) files.push_back(it->path());
            if (ec) throw InputError(path, 0, "", "cannot list the directory: " + ec.message());
            std::sort(files.begin(), files.end());
            for (const auto& f : files) add_file(f, out, skipped, false);
        } else {
            add_file(path, out, skipped, true);
        }
        // A folder or archive with no police.uk file in it imports nothing: say so, rather than
        // report an import that counted no rows.
        if (out.size() == before) throw InputError(path, 0, "", kHoldsNone);
    }
    return out;
}

void TextBuffer::Unmap::operator()(char* p) const {
    ::munmap(p, bytes);
}

char* TextBuffer::reserve(size_t n, size_t keep) {
    if (n > capacity_) {
        size_t grown = n;
        void* p = ::mmap(nullptr, grown, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        std::unique_ptr<char, Unmap> bigger(static_cast<char*>(p), Unmap{grown});
        if (keep) std::memcpy(bigger.get(), data_.get(), std::min(keep, capacity_));
        data_ = std::move(bigger);
        capacity_ = grown;
    }
    return data_.get();
}

struct TextReader::Source {
    int fd = -1;
    gzFile gz = nullptr;
    zip_t* zip = nullptr;
    zip_file_t* entry = nullptr;

    ~Source() {
        if (entry) zip_fclose(entry);
        if (zip) zip_close(zip);
        if (gz) gzclose(gz);
        if (fd >= 0) ::close(fd);
    }
};

TextReader::TextReader(const InputFile& input)
    : input_(input), name_(input.display_name()), source_(std::make_unique<Source>()) {
    switch (input.kind) {
        case InputFile::Kind::plain:
            source_->fd = open_regular(input.path, name_);
            break;
        case InputFile::Kind::gzip: {
            int fd = open_regular(input.path, name_);
            source_->gz = gzdopen(fd, "rb");
            if (!source_->gz) {
                ::close(fd);
                throw InputError(name_, 0, "", "cannot open the gzip file");
            }
            gzbuffer(source_->gz, 1 << 17);
            break;
        }
        case InputFile::Kind::zip_entry:
            if (input.size > kMaxExpandedBytes) throw InputError(name_, 0, "", too_big());
            source_->zip = open_zip(input.path);
            source_->entry = zip_fopen(source_->zip, input.entry.c_str(), 0);
            if (!source_->entry) throw InputError(name_, 0, "", "cannot open the archive entry");
            break;
    }
}

TextReader::~TextReader() = default;

size_t TextReader::read(char* p, size_t n) {
    size_t got = 0;
    switch (input_.kind) {
        case InputFile::Kind::plain:
            while (got < n) {
                ssize_t r = ::read(source_->fd, p + got, n - got);
                if (r < 0 && errno == EINTR) continue;
                if (r < 0) throw InputError(name_, 0, "", std::strerror(errno));
                if (r == 0) break;
                got += static_cast<size_t>(r);
            }
            break;
        case InputFile::Kind::gzip:
            while (got < n) {
                int r = gzread(source_->gz, p + got,
                               static_cast<unsigned>(std::min<size_t>(n - got, 1 << 20)));
                if (r < 0) {
                    int code = 0;
                    throw InputError(
                        name_, 0, "",
                        std::string("gzip data is corrupt: ") + gzerror(source_->gz, &code));
                }
                if (r == 0) {
                    // At the end of the input gzread returns what it has; Z_BUF_ERROR then
                    // says the input ended inside the gzip stream (zlib.h, gzread): a download
                    // cut short, whose rows so far must not be imported as if they were the
                    // whole month.
                    int code = Z_OK;
                    gzerror(source_->gz, &code);
                    if (code == Z_BUF_ERROR)
                        throw InputError(name_, 0, "",
                                         "gzip data is corrupt: unexpected end of file");
                    break;
                }
                got += static_cast<size_t>(r);
            }
            break;
        case InputFile::Kind::zip_entry:
            while (got < n) {
                zip_int64_t r = zip_fread(source_->entry, p + got, n - got);
                if (r < 0)
                    throw InputError(name_, 0, "", "the archive entry is truncated or corrupt");
                if (r == 0) {
                    if (total_ + got != input_.size)
                        throw InputError(name_, 0, "", "the archive entry is truncated or corrupt");
                    break;
                }
                got += static_cast<size_t>(r);
            }
            break;
    }
    total_ += got;
    // A stream that keeps expanding (gzip) is refused before it takes longer to read than a
    // police.uk file could; a zip entry's stated size was checked before it was opened.
    if (input_.kind != InputFile::Kind::plain && total_ > kMaxExpandedBytes)
        throw InputError(name_, 0, "", too_big());
    return got;
}

size_t text_buffer_bytes(const std::vector<InputFile>& inputs) {
    uint64_t largest = 0;
    for (const auto& input : inputs) largest = std::max(largest, input.size);
    // One byte more than the largest file, so that reading it whole finds its end.
    return static_cast<size_t>(std::min<uint64_t>(largest + 1, kTextPieceBytes));
}

void load_text(const InputFile& input, TextBuffer& buffer) {
    TextReader reader(input);
    size_t size = 0;
    for (;;) {
        if (buffer.capacity() < size + (1 << 20))  // doubling, so growing costs linear time
            buffer.reserve(std::max(size + (1 << 20), 2 * buffer.capacity()), size);
        size_t got = reader.read(buffer.data() + size, 1 << 20);
        if (got == 0) break;
        size += got;
        buffer.set_size(size);
    }
    buffer.set_size(size);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "", "cannot open the file");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace scrutineer
