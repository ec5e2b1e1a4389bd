#include "util/subprocess.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace collab {

namespace {

struct MemFile {
    int fd = -1;
    explicit MemFile(const char* name) : fd(::memfd_create(name, MFD_CLOEXEC)) {
        if (fd < 0) throw std::runtime_error("memfd_create failed");
    }
    ~MemFile() {
        if (fd >= 0) ::close(fd);
    }
    void write_all(const std::string& data) {
        std::size_t done = 0;
        while (done < data.size()) {
            const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) throw std::runtime_error("writing a memory file failed");
            done += static_cast<std::size_t>(n);
        }
        ::lseek(fd, 0, SEEK_SET);
    }
    std::string read_all() const {
        std::string out;
        ::lseek(fd, 0, SEEK_SET);
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            out.append(buffer, static_cast<std::size_t>(n));
        }
        return out;
    }
};

}  // namespace

SubprocessResult run_subprocess(const std::vector<std::string>& argv,
                                const std::filesystem::path& cwd, const std::string& input) {
    MemFile in("collab-in"), out("collab-out"), err("collab-err");
    in.write_all(input);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.fd, 0);
    posix_spawn_file_actions_adddup2(&actions, out.fd, 1);
    posix_spawn_file_actions_adddup2(&actions, err.fd, 2);
    // glibc 2.29+: the child changes directory itself, so the parent's stays put.
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());

    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    SubprocessResult result;
    if (rc != 0) {
        result.err = std::string("cannot run ") + argv[0] + ": " + std::strerror(rc);
        return result;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = out.read_all();
    result.err = err.read_all();
    return result;
}

}  // namespace collab
