#include "run_process.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace collab::testing {

namespace {

[[noreturn]] void exec_child(const ProcessSpec& spec) {
    if (!spec.cwd.empty() && chdir(spec.cwd.c_str()) != 0) _exit(126);
    std::vector<std::string> env_strings;
    for (const auto& [k, v] : spec.env) env_strings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<char*> argv;
    for (const auto& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
}

// Reads both pipes until they close, so neither child stream can fill up and block.
void drain(int out_fd, int err_fd, ProcessResult& result) {
    std::vector<pollfd> fds;
    fds.push_back({out_fd, POLLIN, 0});
    if (err_fd >= 0) fds.push_back({err_fd, POLLIN, 0});
    char buf[65536];
    std::size_t open_count = fds.size();
    while (open_count > 0) {
        if (poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (auto& p : fds) {
            if (p.fd < 0 || !(p.revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = read(p.fd, buf, sizeof buf);
            if (n > 0) {
                (p.fd == out_fd ? result.out : result.err).append(buf, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                // A pty reports EIO when the child side closes: the end of output.
                p.fd = -1;
                --open_count;
            }
        }
    }
}

int wait_status(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

}  // namespace

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

ProcessResult run_collab_on(const std::string& binary, const std::filesystem::path& store,
                            const std::vector<std::string>& args,
                            const std::map<std::string, std::string>& env) {
    ProcessSpec spec;
    spec.argv = {binary, "--store", store.string()};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.env = clean_env();
    spec.env["COLLAB_TODAY"] = "2026-01-15";
    for (const auto& [k, v] : env) spec.env[k] = v;
    return run_process(spec);
}

std::map<std::string, std::string> clean_env() {
    std::map<std::string, std::string> env;
    for (const char* k : {"PATH", "HOME"}) {
        if (const char* v = std::getenv(k)) env[k] = v;
    }
    return env;
}

ProcessResult run_process(const ProcessSpec& spec) {
    ProcessResult result;
    if (spec.terminal) {
        int master = -1;
        winsize size{};
        size.ws_row = 24;
        size.ws_col = spec.terminal_columns;
        const pid_t pid = forkpty(&master, nullptr, nullptr, &size);
        if (pid < 0) throw std::runtime_error("forkpty failed");
        if (pid == 0) exec_child(spec);
        drain(master, -1, result);
        close(master);
        result.status = wait_status(pid);
        return result;
    }
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(err[1], 2);
        const int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        exec_child(spec);
    }
    close(out[1]);
    close(err[1]);
    drain(out[0], err[0], result);
    close(out[0]);
    close(err[0]);
    result.status = wait_status(pid);
    return result;
}

}  // namespace collab::testing
