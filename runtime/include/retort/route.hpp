// Route annotations: the only macros retort has.
//
//   RETORT_GET("/user/<int:id>")
//   std::string show_user(int id);
//
//   RETORT_ROUTE("/post/<slug>/", GET, POST)
//   retort::Response post(const retort::Request& request, std::string_view slug);
//
//   RETORT_GET("/users/", defaults(page = 1))      // Flask's defaults=
//   RETORT_GET("/users/page/<int:page>")
//   std::string users(int page);
//
// After the methods come Flask's rule options: defaults(name = literal, …),
// strict_slashes(false), merge_slashes(false) (docs/routing.md).
//
//   namespace RETORT_BLUEPRINT("/admin") admin { ... }
//
// retortc reads them with Clang, where they become [[clang::annotate]]
// attributes; every other compiler sees nothing. This header includes nothing
// on purpose: annotated sources pay no compile time for it.
#pragma once

#if defined(__clang__)
#define RETORT_ROUTE(rule, ...) [[clang::annotate("retort.route", rule, #__VA_ARGS__)]]
#define RETORT_BLUEPRINT(prefix) [[clang::annotate("retort.blueprint", prefix)]]
#else
#define RETORT_ROUTE(rule, ...)
#define RETORT_BLUEPRINT(prefix)
#endif

#define RETORT_GET(rule, ...) RETORT_ROUTE(rule, GET __VA_OPT__(,) __VA_ARGS__)
#define RETORT_POST(rule, ...) RETORT_ROUTE(rule, POST __VA_OPT__(,) __VA_ARGS__)
#define RETORT_PUT(rule, ...) RETORT_ROUTE(rule, PUT __VA_OPT__(,) __VA_ARGS__)
#define RETORT_PATCH(rule, ...) RETORT_ROUTE(rule, PATCH __VA_OPT__(,) __VA_ARGS__)
#define RETORT_DELETE(rule, ...) RETORT_ROUTE(rule, DELETE __VA_OPT__(,) __VA_ARGS__)
