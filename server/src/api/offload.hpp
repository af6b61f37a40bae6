#pragma once

#include <optional>
#include <type_traits>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace zhaoyin::api {

// Runs blocking work (database calls) on the database pool and resumes the calling coroutine
// on its own executor with the result, so that I/O threads never wait on the database.
// Exceptions thrown by the work reach the caller.
//
// GCC 12 miscompiles lambdas created inside a coroutine that capture non-trivial values
// (a captured std::string is copied bit by bit and later freed twice): lambdas handed to
// offload() from handlers capture by reference, or trivially copyable values such as ids.
// `work` itself is taken by reference; the caller's temporary lives until its co_await ends.
template <class F>
auto offload(boost::asio::thread_pool& pool, F&& work)
    -> boost::asio::awaitable<std::invoke_result_t<std::decay_t<F>&>> {
    using result_type = std::invoke_result_t<std::decay_t<F>&>;
    if constexpr (std::is_void_v<result_type>) {
        co_await boost::asio::co_spawn(
            pool,
            [work = std::forward<F>(work)]() mutable -> boost::asio::awaitable<void> {
                work();
                co_return;
            },
            boost::asio::use_awaitable);
    } else {
        // Wrapped in optional: the completion needs a default-constructible value.
        auto value = co_await boost::asio::co_spawn(
            pool,
            [work = std::forward<F>(work)]() mutable
            -> boost::asio::awaitable<std::optional<result_type>> { co_return work(); },
            boost::asio::use_awaitable);
        co_return std::move(*value);
    }
}

}  // namespace zhaoyin::api
