// Golden case: rules and handler signatures that do not fit each other.
#include <string>
#include <string_view>
#include <vector>

#include <retort/route.hpp>

RETORT_GET("/user/<int:id>")
std::string no_parameter();

RETORT_GET("/page/<int:number>")
std::string wrong_type(std::string_view number);

RETORT_GET("/search")
std::string unknown_parameter(std::vector<int> terms);

RETORT_GET("/count")
int wrong_return();

RETORT_GET("/<a>/<b>/<c>/<d>/<e>/<f>/<g>/<h>/<i>/<j>/<k>/<l>/<m>/<n>/<o>/<p>/<q>")
std::string seventeen();
