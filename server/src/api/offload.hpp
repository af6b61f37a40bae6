#pragma once

#include <exception>
#include <optional>
#include <type_traits>

#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace zhaoyin::api {

// Runs blocking work (database calls) on the database pool and resumes the calling coroutine
// on its own executor with the result, so that I/O threads never wait on the database.
template <class F>
auto offload(boost::asio::thread_pool& pool, F work)
    -> boost::asio::awaitable<std::invoke_result_t<F>> {
    using result_type = std::invoke_result_t<F>;
    using holder = std::conditional_t<std::is_void_v<result_type>, bool, result_type>;
    auto initiate = [&pool, work = std::move(work)](auto handler) mutable {
        boost::asio::post(pool, [work = std::move(work), handler = std::move(handler)]() mutable {
            std::exception_ptr failure;
            std::optional<holder> value;
            try {
                if constexpr (std::is_void_v<result_type>) {
                    work();
                    value.emplace(true);
                } else {
                    value.emplace(work());
                }
            } catch (...) {
                failure = std::current_exception();
            }
            auto executor = boost::asio::get_associated_executor(handler);
            boost::asio::dispatch(executor, [handler = std::move(handler), failure,
                                             value = std::move(value)]() mutable {
                handler(failure, std::move(value));
            });
        });
    };
    auto value =
        co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                             void(std::exception_ptr, std::optional<holder>)>(
            std::move(initiate), boost::asio::use_awaitable);
    if constexpr (!std::is_void_v<result_type>) {
        co_return std::move(*value);
    }
}

}  // namespace zhaoyin::api
