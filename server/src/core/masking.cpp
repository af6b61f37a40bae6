#include "core/masking.hpp"

namespace zhaoyin {

std::string mask_phone(std::string_view phone) {
    if (phone.size() < 7) {
        return std::string(phone.size(), '*');
    }
    return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
           std::string(phone.substr(phone.size() - 4));
}

std::string mask_phones_in(std::string_view text) {
    std::string out(text);
    std::size_t run_start = 0;
    for (std::size_t i = 0; i <= out.size(); ++i) {
        const bool digit = i < out.size() && out[i] >= '0' && out[i] <= '9';
        if (digit) {
            continue;
        }
        if (i - run_start == 11 && out[run_start] == '1') {
            out.replace(run_start, 11, mask_phone(out.substr(run_start, 11)));
        }
        run_start = i + 1;
    }
    return out;
}

}  // namespace zhaoyin
