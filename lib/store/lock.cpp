#include "store/lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "store/store_paths.h"
#include "util/errors.h"

namespace collab {

StoreLock::StoreLock(const std::filesystem::path& root) {
    const auto dir = collab_dir(root, /*create=*/true);
    if (!dir) {
        throw UsageError(
            fmt::format("cannot lock the store for writing: {} is a link, not a folder, or "
                        "cannot be created",
                        (root / ".collab").string()),
            ".collab/ holds collab's cache and lock; remove it if it is a link");
    }
    const std::filesystem::path path = *dir / "lock";
    // O_NOFOLLOW: a planted `lock` link must not make us create or open a file elsewhere.
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd_ < 0) {
        throw UsageError(fmt::format("cannot lock the store for writing: {}: {}", path.string(),
                                     std::strerror(errno)));
    }
    while (::flock(fd_, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        const int err = errno;
        ::close(fd_);
        throw UsageError(fmt::format("cannot lock the store for writing: {}: {}", path.string(),
                                     std::strerror(err)));
    }
}

StoreLock::~StoreLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace collab
