// measure: runs a command and reports its wall time and peak resident set size, like
// `/usr/bin/time -f "%e %M"` but without needing the Debian `time` package.
//
//   measure [--out FILE] -- COMMAND [ARGS...]
//
// Prints "wall_s max_rss_kb" (e.g. "2.413 402112") to FILE, or to standard error, and exits
// with the command's exit status (128 + signal if it was killed).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
    std::string out;
    int i = 1;
    for (; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--") {
            ++i;
            break;
        }
        if (a == "--out" && i + 1 < argc)
            out = argv[++i];
        else {
            std::fprintf(stderr, "usage: measure [--out FILE] -- COMMAND [ARGS...]\n");
            return 2;
        }
    }
    if (i >= argc) {
        std::fprintf(stderr, "usage: measure [--out FILE] -- COMMAND [ARGS...]\n");
        return 2;
    }

    auto start = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid < 0) {
        std::perror("measure: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[i], argv + i);
        std::fprintf(stderr, "measure: cannot run %s: %s\n", argv[i], std::strerror(errno));
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    // wait4 gives the rusage of this child (all its threads). Its ru_maxrss, in kilobytes on
    // Linux, is the largest of the child's and of the descendants it waited for, not their sum:
    // for a wrapper script, the largest process it ran.
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            std::perror("measure: wait4");
            return 2;
        }
    }
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    FILE* f = out.empty() ? stderr : std::fopen(out.c_str(), "w");
    if (!f) {
        std::perror(("measure: " + out).c_str());
        return 2;
    }
    std::fprintf(f, "%.3f %ld\n", wall, usage.ru_maxrss);
    if (f != stderr) std::fclose(f);
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 2;
}
