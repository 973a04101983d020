// The items the API serves, and where they are kept.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace items {

struct Item {
  int id = 0;
  std::string name;
  std::vector<std::string> tags;
  double price = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Item, id, name, tags, price)

// What a client sends to create one: no id yet.
struct NewItem {
  std::string name;
  std::vector<std::string> tags;
  double price = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(NewItem, name, tags, price)

// Thrown by handlers; the app's error handler turns it into a JSON 404.
class NoSuchItem : public std::out_of_range {
 public:
  explicit NoSuchItem(int id) : std::out_of_range("no item " + std::to_string(id)), id_(id) {}
  int id() const { return id_; }

 private:
  int id_;
};

// Shared by every request thread, hence the lock.
class ItemStore {
 public:
  Item add(const NewItem& item) {
    std::lock_guard lock(mutex_);
    Item stored{next_id_++, item.name, item.tags, item.price};
    items_[stored.id] = stored;
    return stored;
  }
  Item get(int id) const {
    std::lock_guard lock(mutex_);
    auto found = items_.find(id);
    if (found == items_.end()) throw NoSuchItem(id);
    return found->second;
  }
  void remove(int id) {
    std::lock_guard lock(mutex_);
    if (items_.erase(id) == 0) throw NoSuchItem(id);
  }
  // Items having every tag in `tags`, by id, one page of `page_size`.
  std::vector<Item> list(const std::vector<std::string>& tags, int page, int page_size) const;

 private:
  mutable std::mutex mutex_;
  std::map<int, Item> items_;
  int next_id_ = 1;
};

}  // namespace items
