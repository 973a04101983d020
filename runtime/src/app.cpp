#include "retort/app.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <exception>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "debug_page.hpp"
#include "header_value.hpp"
#include "html_escape.hpp"
#include "retort/detail/percent_encoding.hpp"
#include "retort/generated_support.hpp"
#include "retort/http_error.hpp"
#include "retort/static_files.hpp"
#include "retort/templates.hpp"

namespace retort {

namespace detail {

// What the runtime reads from the config, read once (App::settings()).
struct AppSettings {
  std::optional<std::size_t> max_content_length;
  std::string server_name;
  std::string preferred_scheme;
  std::optional<std::filesystem::path> static_folder;
  std::string static_url_path;  // `/static`; empty when static files are off
  std::filesystem::path templates_folder;
  bool templates_auto_reload = false;
  SendFileOptions send_file;
  bool debug_page = false;  // development intent and DEBUG: unhandled exceptions get debug_page.hpp's page
};

}  // namespace detail

// Read from the config on first use, and again after it changes (its
// version moves); configuring happens before serving, so readers on other
// threads only ever take the lock-free path.
struct App::Lazy {
  std::mutex mutex;
  std::atomic<std::uint64_t> loaded{0};  // config version + 1 the settings were read at
  detail::AppSettings settings;
  std::shared_ptr<const Templates> templates;  // shared: a render keeps its own while it runs
};

namespace {

// Error pages as Werkzeug writes them; JSON (`{"code", "name",
// "description"}`) when the client prefers JSON to HTML.
Response error_page(const Request& request, int status, std::string_view description, const Headers& headers) {
  Response response;
  const std::string_view accept = request.headers().get("Accept").value_or("");
  if (detail::best_match(accept, {"text/html", "application/json"}, "text/html") == "application/json") {
    response = make_response(nlohmann::json{
        {"code", status}, {"name", std::string(status_reason(status))}, {"description", std::string(description)}});
  } else {
    std::string code = std::to_string(status);
    std::string reason(status_reason(status));
    // Werkzeug escapes the description: abort(400, text) may quote the request.
    response = Response("<!doctype html>\n<html lang=en>\n<title>" + code + " " + reason + "</title>\n<h1>" +
                        reason + "</h1>\n<p>" + detail::html_escape(description) + "</p>\n");
  }
  response.set_status(status);
  response.headers().update(headers);
  return response;
}

std::filesystem::path folder_of(const char* source_file) {
  return std::filesystem::absolute(std::filesystem::path(source_file)).parent_path();
}

}  // namespace

// Where a routing redirect goes (Werkzeug's RequestRedirect): an absolute
// URL on the request's host, the path re-encoded, the query quoted as
// Werkzeug's get_current_url quotes it.
// Without a valid Host (none, or one request.host() refuses, such as
// `t@evil.example`), a path alone: Werkzeug writes `http:///docs/` then,
// which browsers read as host `docs`.
std::string App::redirect_location(const Request& request, const Match& match) const {
  if (!table_) return {};
  const detail::RouteTable& table = *table_;
  std::string location;
  if (const std::string_view host = request.host(); !host.empty())
    location = std::string(request.scheme()) + "://" + std::string(host);
  if (match.redirect == Match::Redirect::canonical) {
    location += table.canonical_path(match);  // built by the rule's to_url: encoded already
  } else {
    std::string_view path = detail::matched_path(request.path());
    std::string merged;
    if (match.redirect == Match::Redirect::merge_slashes || match.redirect == Match::Redirect::merge_and_add_slash) {
      merged.resize(path.size());
      merged.resize(detail::merge_slashes(path, merged.data()));
      path = merged;
    }
    detail::append_path_encoded(location, path);
    if (match.redirect != Match::Redirect::merge_slashes) location += '/';
  }
  if (!request.query_string().empty()) {
    location += '?';
    detail::append_query_encoded(location, request.query_string());
  }
  return location;
}

std::string_view App::route_manifest() const { return table_ ? table_->manifest : std::string_view(); }

App::App(Intent intent, const char* source_file) : App(intent, folder_of(source_file)) {}

App::App(Intent intent, std::filesystem::path root)
    : intent_(intent),
      root_(std::filesystem::absolute(std::move(root))),
      config_(intent, root_),
      logger_([](std::string_view message) { std::cerr << message << std::endl; }),
      lazy_(std::make_unique<Lazy>()) {}

App::App(App&&) noexcept = default;
App& App::operator=(App&&) noexcept = default;
App::~App() = default;

Config& App::config() { return config_; }

App& App::on_enter(Intent intent, EnterHook hook) {
  enter_hooks_.emplace_back(intent, std::move(hook));
  return *this;
}

void App::enter() {
  if (entered_) return;
  entered_ = true;
  for (auto& [intent, hook] : enter_hooks_) {
    if (intent == intent_) hook(*this);
  }
}

std::optional<App::StaticRoute> App::static_route() const {
  const detail::AppSettings& s = settings();
  std::error_code error;
  if (!s.static_folder || !std::filesystem::is_directory(*s.static_folder, error)) return std::nullopt;
  return StaticRoute{s.static_url_path, *s.static_folder};
}

const detail::AppSettings& App::settings() const {
  const std::uint64_t wanted = config_.version() + 1;
  if (lazy_->loaded.load(std::memory_order_acquire) == wanted) return lazy_->settings;
  std::lock_guard lock(lazy_->mutex);
  if (lazy_->loaded.load(std::memory_order_relaxed) != wanted) {
    detail::AppSettings s;
    s.max_content_length = config_.find<std::size_t>("MAX_CONTENT_LENGTH");
    s.server_name = config_.get_or<std::string>("SERVER_NAME", "");
    s.preferred_scheme = config_.get_or<std::string>("PREFERRED_URL_SCHEME", "http");
    if (auto folder = config_.find<std::string>("STATIC_FOLDER")) s.static_folder = root_ / *folder;
    s.static_url_path = config_.get_or<std::string>("STATIC_URL_PATH", "/static");
    while (s.static_url_path.ends_with('/')) s.static_url_path.pop_back();
    s.templates_folder = root_ / config_.get_or<std::string>("TEMPLATES_FOLDER", "templates");
    s.templates_auto_reload =
        config_.find<bool>("TEMPLATES_AUTO_RELOAD").value_or(config_.get_or<bool>("DEBUG", false));
    if (auto age = config_.find<std::int64_t>("SEND_FILE_MAX_AGE_DEFAULT")) s.send_file.max_age = std::chrono::seconds(*age);
    // Never for testing or production, whatever DEBUG says: the page shows
    // the request's headers and the exception's text.
    s.debug_page = intent_ == Intent::development && config_.get_or<bool>("DEBUG", false);
    lazy_->settings = std::move(s);
    lazy_->templates.reset();  // made again from the new settings
    lazy_->loaded.store(wanted, std::memory_order_release);
  }
  return lazy_->settings;
}

void App::set_routes(const detail::RouteTable& table) {
  table_ = std::make_shared<detail::RouteTable>(table);
  for (const auto& [name, hooks] : blueprints_) check_blueprint(name);
}

std::span<const detail::RouteEntry> App::routes() const {
  return table_ ? table_->routes : std::span<const detail::RouteEntry>();
}

Match App::match(Method method, std::string_view path) const {
  return table_ ? table_->match(method, path) : Match{};
}

App& App::before_request(Hooks::BeforeRequest hook) {
  hooks_.before_request(std::move(hook));
  return *this;
}
App& App::after_request(Hooks::AfterRequest hook) {
  hooks_.after_request(std::move(hook));
  return *this;
}
App& App::teardown_request(Hooks::Teardown hook) {
  hooks_.teardown_request(std::move(hook));
  return *this;
}
App& App::error_handler(int status, Hooks::StatusHandler handler) {
  hooks_.error_handler(status, std::move(handler));
  return *this;
}

void App::check_blueprint(std::string_view name) const {
  if (!table_) return;  // checked again when the routes arrive
  std::string known;
  for (const detail::RouteEntry& route : table_->routes) {
    if (route.endpoint.starts_with(name) && route.endpoint.size() > name.size() && route.endpoint[name.size()] == '.')
      return;
    const std::size_t dot = route.endpoint.rfind('.');
    if (dot != std::string_view::npos) {
      const std::string blueprint(route.endpoint.substr(0, dot));
      if (known.find("'" + blueprint + "'") == std::string::npos) known += (known.empty() ? "'" : ", '") + blueprint + "'";
    }
  }
  throw std::invalid_argument("the app has no blueprint '" + std::string(name) + "'" +
                              (known.empty() ? std::string(" (it has none)") : "; it has " + known));
}

Hooks& App::blueprint(std::string_view name) {
  check_blueprint(name);
  auto found = blueprints_.find(name);
  if (found == blueprints_.end()) found = blueprints_.emplace(std::string(name), Hooks()).first;
  return found->second;
}

std::size_t App::blueprint_scopes(std::size_t rule, const Hooks** out, std::size_t capacity) const {
  if (blueprints_.empty()) return 0;
  const std::string_view endpoint = table_->routes[rule].endpoint;
  std::size_t count = 0;
  // `a.b.view`: the blueprints `a.b`, then `a` (innermost first).
  for (std::size_t dot = endpoint.rfind('.'); dot != std::string_view::npos && dot > 0 && count < capacity;
       dot = endpoint.rfind('.', dot - 1)) {
    auto found = blueprints_.find(endpoint.substr(0, dot));
    if (found != blueprints_.end()) out[count++] = &found->second;
  }
  return count;
}

std::string App::render_template(std::string_view name, const nlohmann::json& context) const {
  const detail::AppSettings& s = settings();
  std::shared_ptr<const Templates> templates;
  {
    std::lock_guard lock(lazy_->mutex);
    if (!lazy_->templates) lazy_->templates = std::make_shared<Templates>(s.templates_folder, s.templates_auto_reload);
    templates = lazy_->templates;
  }
  return templates->render(name, context, [this](std::string_view endpoint, TemplateValues values) {
    return url_for_text(endpoint, values);
  });
}

// url_for from a template's text: `_anchor`, `_external`, `_scheme` and
// `_method` are Flask's options; a repeated name is a list (a repeated
// query key); every other value is text, which int and float rule
// variables convert as Python's int() and float() would.
std::string App::url_for_text(std::string_view endpoint, TemplateValues values) const {
  UrlOptions options;
  std::vector<std::vector<std::string_view>> lists;
  std::vector<std::string_view> names;
  lists.reserve(values.size());
  for (const auto& [key, value] : values) {
    if (key == "_anchor") {
      options.anchor = value;
    } else if (key == "_external") {
      if (value == "true" || value == "True" || value == "1") options.external = url_origin();
    } else if (key == "_scheme") {
      options.scheme = value;
    } else if (key == "_method") {
      options.method = parse_method(value);
    } else {
      auto known = std::find(names.begin(), names.end(), key);
      if (known == names.end()) {
        names.push_back(key);
        lists.emplace_back();
        known = names.end() - 1;
      }
      lists[static_cast<std::size_t>(known - names.begin())].push_back(value);
    }
  }
  std::vector<UrlArg> args;
  args.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (lists[i].size() == 1) args.push_back({names[i], UrlValue(lists[i][0])});
    else args.push_back({names[i], UrlValue(lists[i])});
  }
  return url_for(endpoint, std::span<const UrlArg>(args), options);
}

std::string App::url_for(std::string_view endpoint, UrlValues values, const UrlOptions& options) const {
  static constexpr detail::UrlMap kEmpty{};
  const detail::UrlMap& map = table_ && table_->urls != nullptr ? *table_->urls : kEmpty;
  const std::size_t index = detail::find_endpoint(map, endpoint);
  if (index != map.endpoints.size()) return detail::build_url(map, index, values.span(), options);
  if (endpoint == "static" && settings().static_folder) {
    // Flask's own `/static/<path:filename>` rule, built the same way.
    std::string prefix;
    detail::append_path_encoded(prefix, settings().static_url_path);
    prefix += '/';
    static constexpr std::string_view kVariables[] = {"filename"};
    const detail::UrlStep steps[] = {{prefix, detail::UrlStep::kText, {}}, {{}, 0, {}}};
    const detail::UrlRule rules[] = {{MethodSet{Method::get, Method::head, Method::options}, 1, {}, steps}};
    const detail::UrlEndpoint endpoints[] = {{"static", kVariables, rules}};
    static constexpr detail::UrlRuleRef kRegistration[] = {{0, 0}};
    const detail::UrlMap static_map{endpoints, kRegistration};
    return detail::build_url(static_map, 0, values.span(), options);
  }
  detail::throw_unknown_endpoint(map, endpoint, values.span(), options);
}

void App::set_server_name(std::string server_name, std::string preferred_scheme) {
  config().set("SERVER_NAME", server_name);
  config().set("PREFERRED_URL_SCHEME", preferred_scheme);
}

UrlOrigin App::url_origin() const {
  const detail::AppSettings& s = settings();
  if (s.server_name.empty())
    throw std::logic_error(
        "Unable to build URLs outside an active request without 'SERVER_NAME' configured. Also configure "
        "'APPLICATION_ROOT' and 'PREFERRED_URL_SCHEME' as needed.");
  return {s.preferred_scheme, s.server_name};
}

std::optional<std::size_t> App::max_content_length() const { return settings().max_content_length; }

void App::set_max_content_length(std::optional<std::size_t> limit) {
  config().set("MAX_CONTENT_LENGTH", limit ? nlohmann::json(*limit) : nlohmann::json(nullptr));
}

Response App::serve_static(const Request& request) const {
  const detail::AppSettings& s = settings();
  std::string_view path = request.path();
  if (!s.static_folder || !path.starts_with(s.static_url_path) || path.size() <= s.static_url_path.size() + 1 ||
      path[s.static_url_path.size()] != '/')
    throw HttpError(404);
  if (request.method() == Method::options) {
    Response response(std::string(), 200);
    response.headers().set("Allow", "GET, HEAD, OPTIONS");
    return response;
  }
  if (request.method() != Method::get && request.method() != Method::head)
    throw HttpError(405).with_header("Allow", "GET, HEAD, OPTIONS");
  return send_from_directory(*s.static_folder, path.substr(s.static_url_path.size() + 1), request, s.send_file);
}

Response App::dispatch(const Request& request, const Match& m) const {
  switch (m.kind) {
    case Match::Kind::found: {
      const detail::RouteEntry& route = table_->routes[m.rule];
      if (request.method() == Method::options && route.automatic_options) {
        // Flask's automatic OPTIONS: every method some rule takes for this
        // path (what a request with no acceptable method collects).
        Response response(std::string(), 200);
        response.headers().set("Allow", match(Method::other, request.path()).allowed.to_string());
        return response;
      }
      return route.call(*this, request, m);
    }
    case Match::Kind::redirect:
      return redirect(redirect_location(request, m), 308);
    case Match::Kind::method_not_allowed:
      throw HttpError(405).with_header("Allow", m.allowed.to_string());
    case Match::Kind::not_found:
      break;
  }
  return serve_static(request);  // Flask's static rule; a 404 when it is not that either
}

Response App::error_response(const Request& request, std::exception_ptr error, const Hooks* const* scopes,
                             std::size_t scope_count, const detail::RouteEntry* route, bool& unhandled) const {
  unhandled = false;
  // In development with DEBUG, what no handler took gets the debug page
  // instead of the 500 handlers' answer (as Flask's debugger); rendering it
  // must not throw out of here, so a failure falls back to the plain 500.
  auto debug_answer = [&](std::exception_ptr thrown, std::exception_ptr while_handling) -> std::optional<Response> {
    try {
      if (settings().debug_page) return detail::debug_page({request, route, thrown, while_handling});
    } catch (...) {
    }
    return std::nullopt;
  };
  std::optional<HttpError> caught;  // a copy: the caught object's lifetime ends with the catch
  std::string what = "exception of unknown type";
  try {
    std::rethrow_exception(error);
  } catch (const HttpError& e) {
    caught = e;
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  const HttpError* http_error = caught ? &*caught : nullptr;
  try {
    // A blueprint's handlers first, innermost out, then the app's.
    for (std::size_t i = 0; i <= scope_count; ++i) {
      const Hooks& hooks = i < scope_count ? *scopes[i] : hooks_;
      if (auto response = hooks.handle_error(error, http_error, request)) return std::move(*response);
    }
    if (http_error != nullptr)
      return error_page(request, http_error->status(), http_error->description(), http_error->headers());
    // Nothing took it: Flask's InternalServerError, whose handlers may still
    // answer; teardown hooks see the exception.
    unhandled = true;
    logger_("error: " + std::string(request.method_name()) + " " + std::string(request.path()) +
            ": unhandled exception: " + what);
    if (auto page = debug_answer(error, nullptr)) return std::move(*page);
    const HttpError internal(500);
    for (std::size_t i = 0; i <= scope_count; ++i) {
      const Hooks& hooks = i < scope_count ? *scopes[i] : hooks_;
      if (auto response = hooks.handle_error(std::make_exception_ptr(internal), &internal, request))
        return std::move(*response);
    }
  } catch (const std::exception& e) {
    logger_("error: " + std::string(request.method_name()) + " " + std::string(request.path()) +
            ": error handler threw: " + e.what());
    if (auto page = debug_answer(std::current_exception(), error)) return std::move(*page);
  } catch (...) {
    logger_("error: " + std::string(request.method_name()) + " " + std::string(request.path()) +
            ": error handler threw an exception of unknown type");
    if (auto page = debug_answer(std::current_exception(), error)) return std::move(*page);
  }
  return error_page(request, 500, status_description(500), {});
}

Response App::handle(const Request& request) const {
  // Flask's full_dispatch_request: before_request hooks (which also see
  // requests no route matched), the handler, error handlers, after_request
  // hooks; then teardown hooks, whatever happened.
  std::array<const Hooks*, 8> scopes{};  // blueprints nest a few deep at most
  std::size_t scope_count = 0;
  std::exception_ptr error;  // what teardown hooks see: an exception no handler took
  const detail::RouteEntry* route = nullptr;  // the matched route, for the debug page
  bool unhandled = false;
  Response response;
  try {
    if (request.target_error() != 0) throw HttpError(request.target_error());
    const Match m = match(request.method(), request.path());
    if (m.kind == Match::Kind::found) {
      route = &table_->routes[m.rule];
      scope_count = blueprint_scopes(m.rule, scopes.data(), scopes.size());
    }
    const std::optional<std::size_t> limit = max_content_length();
    if (limit && request.body().size() > *limit) throw HttpError(413);
    std::optional<Response> early;
    for (const auto& hook : hooks_.before_) {
      if ((early = hook(request))) break;
    }
    for (std::size_t i = scope_count; i-- > 0 && !early;) {
      for (const auto& hook : scopes[i]->before_) {
        if ((early = hook(request))) break;
      }
    }
    response = early ? std::move(*early) : dispatch(request, m);
  } catch (...) {
    response = error_response(request, std::current_exception(), scopes.data(), scope_count, route, unhandled);
    if (unhandled) error = std::current_exception();
  }
  try {
    for (std::size_t i = 0; i <= scope_count; ++i) {
      const Hooks& hooks = i < scope_count ? *scopes[i] : hooks_;
      for (auto hook = hooks.after_.rbegin(); hook != hooks.after_.rend(); ++hook) (*hook)(request, response);
    }
  } catch (...) {
    response = error_response(request, std::current_exception(), scopes.data(), scope_count, route, unhandled);
    if (unhandled) error = std::current_exception();
  }
  for (std::size_t i = 0; i <= scope_count; ++i) {
    const Hooks& hooks = i < scope_count ? *scopes[i] : hooks_;
    for (auto hook = hooks.teardown_.rbegin(); hook != hooks.teardown_.rend(); ++hook) {
      try {
        (*hook)(request, error);
      } catch (const std::exception& e) {
        logger_("error: teardown hook threw: " + std::string(e.what()));
      } catch (...) {
        logger_("error: teardown hook threw an exception of unknown type");
      }
    }
  }
  return response;
}

}  // namespace retort
