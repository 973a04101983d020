// Templates: a folder of Mustache templates rendered with JSON data, as
// Flask's render_template renders a folder of Jinja templates.
//
//   retort::Templates templates(root / "templates", /*auto_reload=*/true);
//   std::string html = templates.render("users/show.html", {{"user", user}}, url_for);
//
// `{{x}}` is HTML-escaped exactly as Jinja's autoescape does it, `{{{x}}}`
// and `{{& x}}` are raw, `{{> header.html}}` includes another template of
// the folder, and `{{#url_for}}user id={{user.id}}{{/url_for}}` builds a
// URL through the UrlFor callback. docs/templates.md is the user's page.
//
// The Mustache engine (kainjow) is a private detail of templates.cpp.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace retort {

// A template or partial that does not exist or may not be named (`..`, an
// absolute name), a Mustache syntax error, url_for used without a callback,
// partials nested too deep. what() names the template, and the line and
// column where the engine reports a position:
// `broken.html:3:5: error: unclosed section "items"`.
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Templates {
 public:
  // `folder` should be absolute (the App resolves TEMPLATES_FOLDER against
  // its root, not the working directory). With `auto_reload`, every render
  // checks the modification time of each template and partial it uses and
  // re-reads the changed ones (development); without it, each is read and
  // parsed once and kept.
  Templates(std::filesystem::path folder, bool auto_reload);
  ~Templates();
  Templates(Templates&&) noexcept;
  Templates& operator=(Templates&&) noexcept;

  // Builds a URL for `{{#url_for}}endpoint name=value …{{/url_for}}`: the
  // endpoint and the name/value pairs, as text and in template order
  // (Flask's `_anchor`, `_external`, … arrive as pairs like any other).
  using UrlFor = std::function<std::string(std::string_view endpoint,
                                           std::span<const std::pair<std::string, std::string>> values)>;

  // Renders the template `name`, a '/'-separated path relative to the folder
  // ("users/show.html"), with `context`, a JSON object (or null for none).
  // Throws TemplateError (see above); an exception from `url_for` (e.g.
  // BuildError) propagates unchanged. Safe to call from several threads.
  std::string render(std::string_view name, const nlohmann::json& context, const UrlFor& url_for = {}) const;
  // The same for template text given here (Flask's render_template_string);
  // its partials still come from the folder.
  std::string render_string(std::string_view source, const nlohmann::json& context, const UrlFor& url_for = {}) const;

  const std::filesystem::path& folder() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace retort
