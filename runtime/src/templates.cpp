// Templates: loading, caching and rendering Mustache templates with kainjow.
//
// What kainjow (mustache.hpp v4.1) does that shapes this file:
// - basic_mustache::render is not const: it records errors in the object
//   (error_message_) and walks the parse tree through non-const references.
//   So the cache holds immutable parsed templates and each render works on
//   its own copy (copying the tree, not re-parsing): concurrent renders then
//   share nothing but the const originals and the mutex-guarded cache.
// - For `{{> name}}` it looks `name` up in the data, renders nothing when it
//   is missing, and re-parses the partial's text at every inclusion. We want
//   an error naming the partial and its includer, the folder's name rules,
//   the cache and a depth limit, so RenderContext (our kainjow context)
//   answers every partial itself: it loads the partial and hands kainjow a
//   stand-in, `{{#<kPartialTag>}}N{{/<kPartialTag>}}`, whose lambda renders
//   our copy of partial N in the same data context.
// - Its default escape writes `&quot;` and `&apos;`; Jinja (markupsafe)
//   writes `&#34;` and `&#39;`. We install markupsafe's, so `{{x}}` is
//   byte-for-byte what Flask prints for `{{ x }}`.
// - Parse errors are "Unclosed section \"x\" at <byte offset>"; we turn the
//   offset into line:column.
// - Nothing in it catches exceptions: one thrown from a lambda (url_for's
//   callback, a missing partial) unwinds through render() to our caller.
#include "retort/templates.hpp"

#include "html_escape.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "python_text.hpp"

namespace retort {

namespace mustache = kainjow::mustache;
namespace fs = std::filesystem;

namespace {

// Deep enough for recursive partials over real data (a comment tree), small
// enough that a template including itself fails long before the stack does.
constexpr std::size_t kMaxPartialDepth = 100;
// Tag names only this file produces: they start with a control character no
// template author types.
const std::string kPartialTag = "\x1fretort-partial";
// Inside url_for, `{{x}}` becomes kValueMark + index + kValueMark, so a value
// stays one piece of its token whatever spaces or quotes it holds.
constexpr char kValueMark = '\x1a';


std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

// Jinja's split_template_path: '/'-separated, empty and "." pieces dropped,
// ".." refused. We also refuse absolute names (Jinja quietly makes them
// relative) and NUL, which would cut the file name short.
std::string normalize_name(std::string_view name, std::string_view kind, std::string_view includer) {
  const auto refuse = [&](std::string_view why) {
    std::string message = std::string(kind) + " name " + in_quotes(name) + " is not allowed: " + std::string(why);
    if (!includer.empty()) message += " (included from " + in_quotes(includer) + ")";
    return TemplateError(message);
  };
  if (name.starts_with('/')) throw refuse("names are relative to the templates folder");
  if (name.find('\0') != std::string_view::npos) throw refuse("it contains a NUL character");
  std::string out;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view piece = name.substr(start, end - start);
    if (piece == "..") throw refuse("'..' may not leave the templates folder");
    if (!piece.empty() && piece != ".") {
      if (!out.empty()) out += '/';
      out += piece;
    }
    start = end + 1;
  }
  if (out.empty()) throw refuse("it names no file");
  return out;
}

// "Unclosed section \"items\" at 57" -> "broken.html:3:5: error: unclosed
// section \"items\"" (1-based line and byte column, as our diagnostics).
std::string syntax_error(std::string_view name, std::string_view source, std::string message) {
  std::string location(name);
  const std::size_t at = message.rfind(" at ");
  std::size_t offset = 0;
  if (at != std::string::npos) {
    const char* first = message.data() + at + 4;
    const char* last = message.data() + message.size();
    const auto parsed = std::from_chars(first, last, offset);
    if (parsed.ec == std::errc() && parsed.ptr == last && offset <= source.size()) {
      const std::string_view before = source.substr(0, offset);
      const std::size_t line_start = before.rfind('\n') + 1;  // npos + 1 == 0
      const auto line = std::count(before.begin(), before.end(), '\n') + 1;
      location += ":" + std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
      message.erase(at);
    }
  }
  if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  return location + ": error: " + message;
}

// JSON -> kainjow data. null (and the non-JSON binary/discarded kinds) are
// false, so `{{#x}}` skips them and `{{x}}` prints nothing; numbers are text
// as Python prints them (`7`, `2.0`, `0.1`, `1e+16`).
mustache::data to_data(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data out(mustache::data::type::object);
      for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = to_data(it.value());
      return out;
    }
    case nlohmann::json::value_t::array: {
      mustache::data out(mustache::data::type::list);
      // kainjow only appends by copy (a deep one, at every nesting level).
      // The list was allocated non-const by kainjow, so moving items into it
      // through const_cast is well-defined.
      auto& items = const_cast<mustache::list&>(out.list_value());
      items.reserve(value.size());
      for (const auto& item : value) items.push_back(to_data(item));
      return out;
    }
    case nlohmann::json::value_t::string: return mustache::data(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean: return mustache::data(value.get<bool>());
    case nlohmann::json::value_t::number_integer: return mustache::data(std::to_string(value.get<std::int64_t>()));
    case nlohmann::json::value_t::number_unsigned: return mustache::data(std::to_string(value.get<std::uint64_t>()));
    case nlohmann::json::value_t::number_float: {
      std::string text;
      detail::append_python_float(text, value.get<double>());
      return mustache::data(text);
    }
    default: return mustache::data(false);
  }
}

// One parsed template. Immutable once cached: renders copy `tmpl`.
struct Parsed {
  Parsed(std::string name_in, const std::string& source, fs::file_time_type mtime_in)
      : name(std::move(name_in)), tmpl(source), mtime(mtime_in) {}
  std::string name;  // for messages: the normalized name, or "<string>"
  mustache::mustache tmpl;
  fs::file_time_type mtime;  // when it was read (auto_reload compares it)
};

std::shared_ptr<const Parsed> parse(std::string name, const std::string& source, fs::file_time_type mtime) {
  auto parsed = std::make_shared<const Parsed>(std::move(name), source, mtime);
  if (!parsed->tmpl.is_valid()) throw TemplateError(syntax_error(parsed->name, source, parsed->tmpl.error_message()));
  return parsed;
}

// The folder and its parsed templates, shared by all renders.
class Cache {
 public:
  Cache(fs::path folder, bool auto_reload) : folder_(std::move(folder)), auto_reload_(auto_reload) {}

  // `name` is normalized. `includer` is empty for the top-level template.
  std::shared_ptr<const Parsed> load(const std::string& name, std::string_view includer);
  const fs::path& folder() const { return folder_; }

 private:
  fs::path folder_;
  bool auto_reload_;
  std::mutex mutex_;  // guards cache_
  std::unordered_map<std::string, std::shared_ptr<const Parsed>> cache_;
};

std::shared_ptr<const Parsed> Cache::load(const std::string& name, std::string_view includer) {
  if (!auto_reload_) {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(name); it != cache_.end()) return it->second;
  }
  const auto not_found = [&] {
    std::string message = (includer.empty() ? "template " : "partial ") + in_quotes(name) + " not found in " +
                          folder_.string();
    if (!includer.empty()) message += " (included from " + in_quotes(includer) + ")";
    return TemplateError(message);
  };
  const fs::path path = folder_ / name;  // normalized: relative, without ".."
  std::error_code error;
  if (!fs::is_regular_file(path, error)) throw not_found();
  // Stat before reading: a change made while we read is seen next time.
  const fs::file_time_type mtime = fs::last_write_time(path, error);
  if (error) throw not_found();
  if (auto_reload_) {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(name); it != cache_.end() && it->second->mtime == mtime) return it->second;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw not_found();
  const std::string source{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  // Parsed outside the lock; two threads may both parse a changed file, and
  // the last one's result stays, which is equally good.
  auto parsed = parse(name, source, mtime);
  std::lock_guard lock(mutex_);
  cache_.insert_or_assign(name, parsed);
  return parsed;
}

// The kainjow context of one render: the data stack (kainjow's), plus the
// names kainjow cannot know: partials from the folder and url_for. Lives
// on the render's stack; nothing in it is shared between threads.
class RenderContext final : public mustache::context<std::string> {
 public:
  RenderContext(Cache& cache, const mustache::data& root, const Templates::UrlFor& url_for)
      : mustache::context<std::string>(&root),
        cache_(cache),
        url_for_(url_for),
        partial_lambda_(mustache::lambda2(
            [this](const std::string& index, const mustache::renderer&) { return render_partial(index); })),
        url_for_lambda_(mustache::lambda2([this](const std::string& text, const mustache::renderer& render) {
          return render_url_for(text, render);
        })) {}

  // Renders a copy of `parsed` (kainjow's render mutates) in this context.
  std::string render(const Parsed& parsed) {
    if (stack_.size() > kMaxPartialDepth)  // the top-level template and 100 partials
      throw TemplateError(parsed.name + ": error: partials nested more than " + std::to_string(kMaxPartialDepth) +
                          " deep (included from " + in_quotes(stack_.back()->name) + "; does it include itself?)");
    stack_.push_back(&parsed);
    mustache::mustache copy = parsed.tmpl;
    copy.set_custom_escape([this](const std::string& text) { return escape(text); });
    std::string out = copy.render(*this);
    if (!copy.is_valid()) {
      // Our only lambda a template can name is url_for, and kainjow refuses
      // it as a variable ("Lambda with render argument is not allowed …").
      const bool url_for_variable = copy.error_message().starts_with("Lambda with render argument");
      throw TemplateError(url_for_variable ? parsed.name + ": error: url_for is a section: write "
                                                           "{{#url_for}}endpoint name=value{{/url_for}}"
                                           : syntax_error(parsed.name, {}, copy.error_message()));
    }
    // Not popped when something throws: the whole render is abandoned then.
    stack_.pop_back();
    return out;
  }

  // Our names first for the stand-in tag, last for url_for: the data may
  // define its own `url_for`, as a Jinja context variable hides a global.
  const mustache::data* get(const std::string& name) const override {
    if (name == kPartialTag) return &partial_lambda_;
    if (const mustache::data* found = mustache::context<std::string>::get(name)) return found;
    if (name == "url_for") return &url_for_lambda_;
    return nullptr;
  }

  // kainjow parses what this returns as the partial's text and renders it
  // right away; we return the stand-in for our cached copy. const only
  // because kainjow declares it so: it loads and memoizes (one file check
  // per partial per render).
  const mustache::data* get_partial(const std::string& tag_name) const override {
    const std::string& includer = stack_.back()->name;
    std::string name = normalize_name(tag_name, "partial", includer);
    auto [it, inserted] = partials_.try_emplace(std::move(name));
    if (inserted) {
      it->second.parsed = cache_.load(it->first, includer);
      const std::string index = std::to_string(by_index_.size());
      it->second.stand_in = mustache::data("{{#" + kPartialTag + "}}" + index + "{{/" + kPartialTag + "}}");
      by_index_.push_back(it->second.parsed.get());
    }
    return &it->second.stand_in;
  }

 private:
  struct Partial {
    std::shared_ptr<const Parsed> parsed;
    mustache::data stand_in;
  };

  std::string render_partial(const std::string& index_text) {
    std::size_t index = 0;
    std::from_chars(index_text.data(), index_text.data() + index_text.size(), index);
    return render(*by_index_.at(index));  // kainjow inserts a lambda's result as it is
  }

  std::string escape(const std::string& text) {
    if (collecting_ == 0) return detail::html_escape(text);
    std::string mark(1, kValueMark);
    mark += std::to_string(values_.size());
    mark += kValueMark;
    values_.push_back(text);
    return mark;
  }

  std::string render_url_for(const std::string& text, const mustache::renderer& render);

  Cache& cache_;
  const Templates::UrlFor& url_for_;
  const mustache::data partial_lambda_;
  const mustache::data url_for_lambda_;
  std::vector<const Parsed*> stack_;  // the template rendering now, and its includers
  mutable std::map<std::string, Partial> partials_;  // by name; a map keeps stand_in's address
  mutable std::vector<const Parsed*> by_index_;      // partials_ in stand-in index order
  int collecting_ = 0;                               // > 0 inside url_for
  std::vector<std::string> values_;                  // url_for's `{{x}}` values, by mark index
};

// `endpoint name=value name="with spaces" name='say "hi"'`, after rendering;
// quotes group and are dropped, a marked value is copied as it is.
struct UrlForCall {
  std::string endpoint;
  std::vector<std::pair<std::string, std::string>> values;
};

UrlForCall split_url_for(std::string_view text, const std::vector<std::string>& values, std::string_view name) {
  const auto fail = [&](const std::string& why) {
    return TemplateError(std::string(name) + ": error: url_for: " + why);
  };
  struct Token {
    std::string text;
    std::size_t equals = std::string::npos;  // the first unquoted '='
  };
  std::vector<Token> tokens;
  Token token;
  bool in_token = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == kValueMark) {
      const std::size_t close = text.find(kValueMark, i + 1);
      std::size_t index = values.size();
      if (close != std::string_view::npos) std::from_chars(text.data() + i + 1, text.data() + close, index);
      if (index < values.size()) {
        token.text += values[index];
        in_token = true;
        i = close;
        continue;
      }
    }
    if (quote != 0) {
      if (c == quote) quote = 0;
      else token.text += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_token = true;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      if (in_token) tokens.push_back(std::move(token));
      token = {};
      in_token = false;
    } else {
      if (c == '=' && token.equals == std::string::npos) token.equals = token.text.size();
      token.text += c;
      in_token = true;
    }
  }
  if (quote != 0) throw fail(std::string("unclosed ") + quote + " in " + in_quotes(text));
  if (in_token) tokens.push_back(std::move(token));

  if (tokens.empty() || tokens[0].equals != std::string::npos)
    throw fail("expected an endpoint first, as in {{#url_for}}user id=7{{/url_for}}; got " + in_quotes(text));
  UrlForCall call{std::move(tokens[0].text), {}};
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    if (tokens[i].equals == std::string::npos || tokens[i].equals == 0)
      throw fail("expected name=value after the endpoint; got " + in_quotes(tokens[i].text));
    call.values.emplace_back(tokens[i].text.substr(0, tokens[i].equals), tokens[i].text.substr(tokens[i].equals + 1));
  }
  return call;
}

std::string RenderContext::render_url_for(const std::string& text, const mustache::renderer& render) {
  const std::string& name = stack_.back()->name;
  if (!url_for_)
    throw TemplateError(name + ": error: the template uses url_for, but no url_for function was given to render it");
  // Render the inner text first, with `{{x}}` values marked instead of
  // escaped (escaping is for HTML, and the URL is escaped as a whole below).
  std::vector<std::string> outer_values = std::exchange(values_, {});
  ++collecting_;
  const std::string inner = render(text);
  --collecting_;
  const UrlForCall call = split_url_for(inner, values_, name);
  values_ = std::move(outer_values);
  // Jinja autoescapes url_for's result: `?a=1&b=2` -> `?a=1&amp;b=2`.
  return detail::html_escape(url_for_(call.endpoint, call.values));
}

std::string render_parsed(Cache& cache, const Parsed& top, const nlohmann::json& context,
                          const Templates::UrlFor& url_for) {
  if (!context.is_object() && !context.is_null())
    throw TemplateError(top.name + ": error: the context must be a JSON object, not " + context.type_name());
  const mustache::data root = context.is_null() ? mustache::data() : to_data(context);
  RenderContext render_context(cache, root, url_for);
  return render_context.render(top);
}

}  // namespace

struct Templates::Impl {
  Impl(fs::path folder, bool auto_reload) : cache(std::move(folder), auto_reload) {}
  Cache cache;
};

Templates::Templates(fs::path folder, bool auto_reload)
    : impl_(std::make_unique<Impl>(std::move(folder), auto_reload)) {}
Templates::~Templates() = default;
Templates::Templates(Templates&&) noexcept = default;
Templates& Templates::operator=(Templates&&) noexcept = default;

// const: a render changes only the cache, which is guarded (impl_ is a
// pointer, so const does not reach it).
std::string Templates::render(std::string_view name, const nlohmann::json& context, const UrlFor& url_for) const {
  const std::string normal = normalize_name(name, "template", {});
  const std::shared_ptr<const Parsed> parsed = impl_->cache.load(normal, {});
  return render_parsed(impl_->cache, *parsed, context, url_for);
}

std::string Templates::render_string(std::string_view source, const nlohmann::json& context,
                                     const UrlFor& url_for) const {
  const auto parsed = parse("<string>", std::string(source), {});
  return render_parsed(impl_->cache, *parsed, context, url_for);
}

const fs::path& Templates::folder() const { return impl_->cache.folder(); }

}  // namespace retort
