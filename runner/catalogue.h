// The catalogue: every kata found in the kata folders, loaded and checked once.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "runner/kata_spec.h"
#include "runner/status.h"

namespace kata {

// A kata added to the store, unpacked into a folder of its own.
struct StoredKataFolder {
  std::filesystem::path dir;
  int version = 0;
};

class Catalogue {
 public:
  // Loads every subfolder of each root that holds a kata.toml, and the store's katas
  // (which win over a bundled kata with the same id). A malformed kata is kept out of
  // katas() and reported in problems(); it never hides the others.
  static Catalogue Load(const std::vector<std::filesystem::path>& roots,
                        const std::vector<StoredKataFolder>& stored = {});

  // Valid katas sorted by id; the first root wins when two share an id.
  const std::vector<KataSpec>& katas() const { return katas_; }
  // One Status per malformed kata, naming its file and field.
  std::vector<Status> problems() const;

  // The kata with this id: NotFound for an unknown id, its load error when malformed.
  Result<KataSpec> Find(const std::string& id) const;

  // The same as Load(roots).Find(id), but loads only that kata: what show, fetch and
  // submit need, at a cost that does not grow with the catalogue.
  static Result<KataSpec> LoadOne(const std::vector<std::filesystem::path>& roots,
                                  const std::string& id,
                                  const std::vector<StoredKataFolder>& stored = {});

 private:
  std::vector<std::filesystem::path> roots_;
  std::vector<KataSpec> katas_;
  std::vector<std::pair<std::string, Status>> malformed_;  // id and why
};

}  // namespace kata
