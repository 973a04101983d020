// Secrets: which names hold one (config keys, header names) and how a value
// is shown without it. `./app config` and the development debug page use
// the same rule, so a name hidden in one is hidden in the other.
//
// A name is secret when, in upper case with '-' read as '_', it contains
// SECRET, PASSWORD, PASSWD, PASSPHRASE, TOKEN, PRIVATE, CREDENTIAL or
// APIKEY, or it is KEY or ends in _KEY:
//
//   SECRET_KEY  DB_PASSWORD  AUTH_TOKEN  PRIVATE_KEY_FILE  API_KEY  X-Api-Key   secret
//   SERVER_NAME  KEYS  KEY_PREFIX  MONKEY  AUTHOR                             not secret
//
// It errs on the side of hiding (TOKEN_LIFETIME is hidden too): showing a
// secret cannot be undone, hiding a harmless value costs one config.get.
#pragma once

#include <string>
#include <string_view>

namespace retort::detail {

bool is_secret_name(std::string_view name);

// A dotted config key is secret when any of its parts is: DATABASE.PASSWORD,
// and every leaf under a CREDENTIALS mapping (CREDENTIALS.USER).
bool is_secret_key(std::string_view dotted_key);

// `text` with the password of a URL's user information replaced by `***`
// (`postgresql://blog:***@db/blog`); unchanged when it has none. Any URL in
// a config value may carry one, whatever its key is called.
std::string hide_url_password(std::string_view text);

}  // namespace retort::detail
