// cpp-httplib client calls and a plain TCP probe for "is it listening yet".
#include "graders/http/http_client.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include <fmt/format.h>

namespace kata::http {

Exchange Send(const std::string& host, int port, const Request& request, int timeout_ms) {
  using Clock = std::chrono::steady_clock;
  Exchange exchange;
  httplib::Client client(host, port);
  std::chrono::milliseconds timeout(timeout_ms);
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  client.set_keep_alive(false);
  client.set_follow_location(false);
  httplib::Request outgoing;
  outgoing.method = request.method;
  outgoing.path = request.path;
  for (const auto& [name, value] : request.headers) outgoing.headers.emplace(name, value);
  outgoing.body = request.body;
  if (!request.body.empty() && !outgoing.has_header("Content-Length")) {
    outgoing.headers.emplace("Content-Length", std::to_string(request.body.size()));
  }
  Clock::time_point start = Clock::now();
  httplib::Result result = client.send(outgoing);
  exchange.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  if (!result) {
    httplib::Error error = result.error();
    // A read error is a time-out only when the time ran out; before, the server closed
    // the connection without answering (often: it crashed handling the request).
    bool slow = exchange.duration_ms * 10 >= static_cast<int64_t>(timeout_ms) * 9;
    exchange.timed_out = slow && (error == httplib::Error::Read || error == httplib::Error::Write ||
                                  error == httplib::Error::ConnectionTimeout);
    if (exchange.timed_out) {
      exchange.error = fmt::format("no complete answer within {} ms", timeout_ms);
    } else if (error == httplib::Error::Read || error == httplib::Error::Write) {
      exchange.error = "the server closed the connection without an answer (did it fail "
                       "handling the request? see its output below)";
    } else if (error == httplib::Error::Connection) {
      exchange.error = "nothing accepts connections on the server's port any more (did it "
                       "stop? see its output below)";
    } else {
      exchange.error = httplib::to_string(error);
    }
    return exchange;
  }
  exchange.answered = true;
  exchange.response.status = result->status;
  for (const auto& [name, value] : result->headers) exchange.response.headers.emplace_back(name, value);
  exchange.response.body = result->body;
  return exchange;
}

bool Accepts(const std::string& host, int port, int timeout_ms) {
  bool v6 = host.find(':') != std::string::npos;
  int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return false;
  sockaddr_storage address{};
  socklen_t length;
  if (v6) {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&address);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET6, host.c_str(), &in6->sin6_addr);
    length = sizeof(sockaddr_in6);
  } else {
    auto* in4 = reinterpret_cast<sockaddr_in*>(&address);
    in4->sin_family = AF_INET;
    in4->sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, host.c_str(), &in4->sin_addr);
    length = sizeof(sockaddr_in);
  }
  bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), length) == 0;
  if (!connected && errno == EINPROGRESS) {
    pollfd wait_for{fd, POLLOUT, 0};
    int error = 0;
    socklen_t size = sizeof(error);
    connected = poll(&wait_for, 1, timeout_ms) == 1 &&
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 && error == 0;
  }
  close(fd);
  return connected;
}

std::string ExchangeToJson(const Exchange& exchange) {
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& [name, value] : exchange.response.headers) headers.push_back({name, value});
  return nlohmann::json{{"answered", exchange.answered},
                        {"timed_out", exchange.timed_out},
                        {"error", exchange.error},
                        {"status", exchange.response.status},
                        {"headers", headers},
                        {"body", exchange.response.body},
                        {"duration_ms", exchange.duration_ms}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Exchange ExchangeFromJson(const std::string& text) {
  Exchange exchange;
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) {
    exchange.error = "the probe client failed";
    return exchange;
  }
  exchange.answered = json.value("answered", false);
  exchange.timed_out = json.value("timed_out", false);
  exchange.error = json.value("error", "");
  exchange.response.status = json.value("status", 0);
  for (const nlohmann::json& header : json.value("headers", nlohmann::json::array())) {
    exchange.response.headers.emplace_back(header[0].get<std::string>(),
                                           header[1].get<std::string>());
  }
  exchange.response.body = json.value("body", "");
  exchange.duration_ms = json.value("duration_ms", int64_t{0});
  return exchange;
}

}  // namespace kata::http
