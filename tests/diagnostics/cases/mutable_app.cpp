// A handler asking for the app by non-const reference: every request
// thread shares it, so handlers get it const.
#include <string>

#include <retort/app.hpp>
#include <retort/route.hpp>

RETORT_GET("/")
std::string home(retort::App& app);
