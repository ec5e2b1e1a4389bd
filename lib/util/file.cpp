#include "util/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <limits>

namespace collab {

std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error) {
    bool too_large = false;
    return read_file_limited(path, std::numeric_limits<std::size_t>::max(), error, too_large);
}

std::optional<std::string> read_file_limited(const std::filesystem::path& path,
                                             std::size_t max_bytes, std::string& error,
                                             bool& too_large, bool follow_final_link) {
    too_large = false;
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    const int fd = ::open(path.c_str(),
                          O_RDONLY | O_CLOEXEC | O_NONBLOCK | (follow_final_link ? 0 : O_NOFOLLOW));
    if (fd < 0) {
        error = errno == ELOOP && !follow_final_link
                    ? "it is a symbolic link, which is not allowed here"
                    : std::strerror(errno);
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error = S_ISDIR(st.st_mode) ? "it is a folder, not a file"
                                    : "not a regular file (a FIFO, socket or device)";
        ::close(fd);
        return std::nullopt;
    }
    if (static_cast<std::size_t>(st.st_size) > max_bytes) {
        too_large = true;
        error = fmt::format("{} bytes, more than the limit of {}", st.st_size, max_bytes);
        ::close(fd);
        return std::nullopt;
    }
    std::string bytes;
    // One byte past the size, so the read that finds the end needs no reallocation (and no
    // copy of the whole file) when the file is as large as fstat said.
    bytes.resize(static_cast<std::size_t>(st.st_size) + 1);
    std::size_t got = 0;
    // The size is a hint: the file may grow or shrink while we read it.
    while (true) {
        if (got == bytes.size()) bytes.resize(bytes.size() + 4096);
        const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            error = std::strerror(errno);
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
        // The file grew while we read it.
        if (got > max_bytes) {
            too_large = true;
            error = fmt::format("more than the limit of {} bytes", max_bytes);
            ::close(fd);
            return std::nullopt;
        }
    }
    ::close(fd);
    bytes.resize(got);
    return bytes;
}

}  // namespace collab
