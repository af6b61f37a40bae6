#include "core/credit_code.hpp"

namespace zhaoyin {

bool valid_credit_code(std::string_view code) {
    constexpr std::string_view alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    constexpr int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    if (code.size() != 18) {
        return false;
    }
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        const auto value = alphabet.find(code[i]);
        if (value == std::string_view::npos) {
            return false;
        }
        sum += int(value) * weights[i];
    }
    const int check = (31 - sum % 31) % 31;
    return code[17] == alphabet[std::size_t(check)];
}

}  // namespace zhaoyin
