// Two rules that match exactly the same URLs and weigh the same: only their
// order in the file decides which handler answers.
#include <string>
#include <string_view>

#include <retort/route.hpp>

RETORT_GET("/report/<any(daily, weekly):period>")
std::string report(std::string_view period);

RETORT_ROUTE("/report/<any(weekly, daily):span>", GET, POST)
std::string summary(std::string_view span);
