// Errors as values: a Status says whether something kata tried went wrong and why.
// A wrong answer or a crashed learner program is a verdict in the result, not a Status.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace kata {

class Status {
 public:
  enum class Code { kOk, kInvalidArgument, kNotFound, kInternal };

  static Status Ok() { return Status(Code::kOk, ""); }
  static Status InvalidArgument(std::string message) {
    return Status(Code::kInvalidArgument, std::move(message));
  }
  static Status NotFound(std::string message) {
    return Status(Code::kNotFound, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(Code::kInternal, std::move(message));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_;
  std::string message_;
};

// Either a value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : value_(std::move(status)) {}    // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(value_); }
  const Status& status() const {
    static const Status kOk = Status::Ok();
    return ok() ? kOk : std::get<Status>(value_);
  }
  T& value() { return std::get<T>(value_); }
  const T& value() const { return std::get<T>(value_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace kata

// Returns the Status of expr from the enclosing function when it is not ok.
#define KATA_RETURN_IF_ERROR(expr)     \
  do {                                 \
    ::kata::Status status_ = (expr);   \
    if (!status_.ok()) return status_; \
  } while (false)
