// Nothing annotated: a warning, and the (empty) outputs are still written.
#include <string>

std::string helper();
