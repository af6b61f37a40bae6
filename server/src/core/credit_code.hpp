#pragma once

#include <string_view>

namespace zhaoyin {

// 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A-Z without I, O, S, V, Z, the
// last a check character over the first 17.
bool valid_credit_code(std::string_view code);

}  // namespace zhaoyin
