// tests/cli/run_vanthu.h: runs the real build/vanthu as a user would, for the cli suite.
#pragma once

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <filesystem>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace vanthu {

struct Run {
    int code = -1;
    std::string out, err;
};

// Runs build/vanthu with `args` (and `env` on top of the environment); both streams are read at
// once so a chatty command cannot block on a full pipe.
inline Run vanthu(const std::vector<std::string>& args, const Poco::Process::Env& env = {}) {
    Poco::Pipe outPipe, errPipe;
    auto handle = Poco::Process::launch(VANTHU_BINARY, args, std::filesystem::current_path().string(), nullptr, &outPipe, &errPipe, env);
    Run r;
    std::thread errReader([&] {
        Poco::PipeInputStream es(errPipe);
        r.err.assign(std::istreambuf_iterator<char>(es), {});
    });
    Poco::PipeInputStream os(outPipe);
    r.out.assign(std::istreambuf_iterator<char>(os), {});
    errReader.join();
    r.code = handle.wait();
    return r;
}

}  // namespace vanthu
