// A rule has at most 16 variables (the matcher's fixed capture array).
#include <string>

#include <retort/route.hpp>

RETORT_GET("/<a>/<b>/<c>/<d>/<e>/<f>/<g>/<h>/<i>/<j>/<k>/<l>/<m>/<n>/<o>/<p>/<q>")
std::string seventeen();
