#include "retort/http_error.hpp"

#include "retort/response.hpp"

namespace retort {

HttpError::HttpError(int status, std::string description)
    : status_(status),
      what_(std::to_string(status) + " " + std::string(status_reason(status))),
      description_(description.empty() ? std::string(status_description(status)) : std::move(description)) {}

void abort(int status, std::string description) { throw HttpError(status, std::move(description)); }

// Werkzeug's descriptions, so error pages read as Flask's do.
std::string_view status_description(int status) noexcept {
  switch (status) {
    case 400: return "The browser (or proxy) sent a request that this server could not understand.";
    case 401:
      return "The server could not verify that you are authorized to access the URL requested. You either "
             "supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to "
             "supply the credentials required.";
    case 403:
      return "You don't have the permission to access the requested resource. It is either read-protected or "
             "not readable by the server.";
    case 404:
      return "The requested URL was not found on the server. If you entered the URL manually please check your "
             "spelling and try again.";
    case 405: return "The method is not allowed for the requested URL.";
    case 406:
      return "The resource identified by the request is only capable of generating response entities which have "
             "content characteristics not acceptable according to the accept headers sent in the request.";
    case 408: return "The server closed the network connection because the browser didn't finish the request within the specified time.";
    case 409:
      return "A conflict happened while processing the request. The resource might have been modified while the "
             "request was being processed.";
    case 410:
      return "The requested URL is no longer available on this server and there is no forwarding address. If you "
             "followed a link from a foreign page, please contact the author of this page.";
    case 411: return "A request with this method requires a valid <code>Content-Length</code> header.";
    case 413: return "The data value transmitted exceeds the capacity limit.";
    case 414:
      return "The length of the requested URL exceeds the capacity limit for this server. The request cannot be "
             "processed.";
    case 415: return "The server does not support the media type transmitted in the request.";
    case 416: return "The server cannot provide the requested range.";
    case 422: return "The request was well-formed but was unable to be followed due to semantic errors.";
    case 429: return "This user has exceeded an allotted request count. Try again later.";
    case 431: return "One or more header fields exceeds the maximum size.";
    case 500:
      return "The server encountered an internal error and was unable to complete your request. Either the "
             "server is overloaded or there is an error in the application.";
    case 501: return "The server does not support the action requested by the browser.";
    case 503:
      return "The server is temporarily unable to service your request due to maintenance downtime or capacity "
             "problems. Please try again later.";
    default: return "";
  }
}

}  // namespace retort
