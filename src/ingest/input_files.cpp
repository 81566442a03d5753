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

void add_zip(const std::string& path, std::vector<InputFile>& out,
             std::vector<std::string>* skipped) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        std::string why = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        throw InputError(path, 0, "", "cannot open the zip archive: " + why);
    }
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
    std::error_code ec;
    uint64_t size = fs::file_size(p, ec);
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
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) throw InputError(path, 0, "", "no such file or directory");
        if (fs::is_directory(status)) {
            std::vector<fs::path> files;
            for (auto it = fs::recursive_directory_iterator(path, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file()) files.push_back(it->path());
            if (ec) throw InputError(path, 0, "", "cannot list the directory: " + ec.message());
            std::sort(files.begin(), files.end());
            for (const auto& f : files) add_file(f, out, skipped, false);
        } else {
            add_file(path, out, skipped, true);
        }
    }
    return out;
}

void TextBuffer::Unmap::operator()(char* p) const {
    ::munmap(p, bytes);
}

char* TextBuffer::reserve(size_t n, size_t keep) {
    if (n > capacity_) {
        size_t grown = std::max(n, capacity_ * 2);
        void* p = ::mmap(nullptr, grown, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        std::unique_ptr<char, Unmap> bigger(static_cast<char*>(p), Unmap{grown});
        if (keep) std::memcpy(bigger.get(), data_.get(), std::min(keep, size_));
        data_ = std::move(bigger);
        capacity_ = grown;
    }
    return data_.get();
}

void load_text(const InputFile& input, TextBuffer& buffer) {
    const std::string name = input.display_name();
    switch (input.kind) {
        case InputFile::Kind::plain: {
            int fd = ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0) throw InputError(name, 0, "", std::strerror(errno));
            struct stat st;
            if (fstat(fd, &st) != 0) {
                int e = errno;
                ::close(fd);
                throw InputError(name, 0, "", std::strerror(e));
            }
            size_t size = static_cast<size_t>(st.st_size), got = 0;
            char* p = buffer.reserve(size);
            while (got < size) {
                ssize_t n = ::read(fd, p + got, size - got);
                if (n < 0 && errno == EINTR) continue;
                if (n < 0) {
                    int e = errno;
                    ::close(fd);
                    throw InputError(name, 0, "", std::strerror(e));
                }
                if (n == 0) break;  // the file shrank while being read
                got += static_cast<size_t>(n);
            }
            ::close(fd);
            buffer.set_size(got);
            break;
        }
        case InputFile::Kind::gzip: {
            gzFile g = gzopen(input.path.c_str(), "rb");
            if (!g) throw InputError(name, 0, "", "cannot open the gzip file");
            gzbuffer(g, 1 << 17);
            size_t size = 0;
            for (;;) {
                if (size > kMaxExpandedBytes) {
                    gzclose(g);
                    throw InputError(name, 0, "", too_big());
                }
                char* p = buffer.reserve(size + (1 << 20), size);
                int got = gzread(g, p + size, 1 << 20);
                if (got < 0) {
                    int code = 0;
                    std::string why = gzerror(g, &code);
                    gzclose(g);
                    throw InputError(name, 0, "", "gzip data is corrupt: " + why);
                }
                if (got == 0) break;
                size += static_cast<size_t>(got);
                buffer.set_size(size);
            }
            // At the end of the input gzread returns what it has; Z_BUF_ERROR then says the
            // input ended inside the gzip stream (zlib.h, gzread): a download cut short, whose
            // rows so far must not be imported as if they were the whole month.
            int code = Z_OK;
            gzerror(g, &code);
            if (code == Z_BUF_ERROR) {
                gzclose(g);
                throw InputError(name, 0, "", "gzip data is corrupt: unexpected end of file");
            }
            gzclose(g);
            buffer.set_size(size);
            break;
        }
        case InputFile::Kind::zip_entry: {
            if (input.size > kMaxExpandedBytes) throw InputError(name, 0, "", too_big());
            int err = 0;
            zip_t* z = zip_open(input.path.c_str(), ZIP_RDONLY, &err);
            if (!z) throw InputError(input.path, 0, "", "cannot open the zip archive");
            zip_file_t* f = zip_fopen(z, input.entry.c_str(), 0);
            if (!f) {
                zip_close(z);
                throw InputError(name, 0, "", "cannot open the archive entry");
            }
            char* p = buffer.reserve(input.size);
            zip_int64_t got = zip_fread(f, p, input.size);
            zip_fclose(f);
            zip_close(z);
            if (got < 0 || static_cast<uint64_t>(got) != input.size)
                throw InputError(name, 0, "", "the archive entry is truncated or corrupt");
            buffer.set_size(input.size);
            break;
        }
    }
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "", "cannot open the file");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace scrutineer
