// The templates of kata new, one set per kind. "{{id}}" is replaced by the kata's id.
#include "runner/scaffold.h"

#include <fmt/format.h>

#include <fstream>
#include <regex>

namespace kata {
namespace fs = std::filesystem;
namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kToml = R"T(id = "{{id}}"
title = "TODO: a title learners recognise"
kind = "{{kind}}"
difficulty = 1
tags = ["TODO"]
summary = "TODO: one sentence for kata list."
)T";

const Files kSqlFiles = {
    {"README.md", R"T(# TODO: the title

TODO: the situation, in two or three sentences: who needs this and why.

## The data

```sql
CREATE TABLE products (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  price REAL NOT NULL
);
```

## Your query

Return the `name` and `price` of every product that costs more than 10, in any order.

## Example

| name   | price |
|--------|------:|
| Teapot | 24.5  |

## What to submit

`query.sql`: one SELECT statement. `kata fetch {{id}}`, `cd {{id}}`, `kata submit {{id}} query.sql`.

)T"},
    {"starter/query.sql", "-- The products that cost more than 10.\nSELECT name, price FROM products;\n"},
    {"solution/query.sql", "SELECT name, price FROM products WHERE price > 10;\n"},
    {"fixtures/schema.sql",
     "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL);\n"},
    {"fixtures/visible.sql", R"T(-- case: the example from the statement
-- hint: Which rows does a WHERE clause keep?
INSERT INTO products (id, name, price) VALUES (1, 'Teapot', 24.5), (2, 'Spoon', 3.0);

)T"},
    {"fixtures/hidden-exactly-ten.sql", R"T(-- case: a product that costs exactly 10
-- points: 2
-- hint: "More than" does not include the boundary.
INSERT INTO products (id, name, price) VALUES (1, 'Mug', 10.0), (2, 'Kettle', 10.01);

)T"},
    {"bad/at-least-instead-of-more/query.sql", "SELECT name, price FROM products WHERE price >= 10;\n"},
    {"bad/at-least-instead-of-more/EXPECT", "hidden-exactly-ten\n"},
};

const Files kSchemaFiles = {
    {"README.md", R"T(# TODO: the title

TODO: the situation, and the requirements as a product owner would write them.

## Tables and columns

- `users`: `id` (the key, numbered by the database), `email` (required, unique).

## What to submit

`schema.sql`: CREATE TABLE / INDEX / VIEW / TRIGGER statements. `kata fetch {{id}}`,
`cd {{id}}`, `kata submit {{id}} schema.sql`.

)T"},
    {"starter/schema.sql", "-- The users table.\nCREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n"},
    {"solution/schema.sql",
     "CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  email TEXT NOT NULL UNIQUE\n);\n"},
    {"probes.txt", R"T(probe: the users table exists
hint: Create a table named users with the columns the statement names.
check: table users
check: column users.email TEXT

probe: an e-mail address is required
hint: users.email accepts NULL. Add NOT NULL to it.
check: rejects not null: INSERT INTO users (email) VALUES (NULL)

probe: e-mail addresses are unique
points: 2
hint: Two users were stored with one e-mail address. Add UNIQUE to users.email.
setup: INSERT INTO users (email) VALUES ('ann@example.com')
check: rejects unique: INSERT INTO users (email) VALUES ('ann@example.com')

probe: a valid user is accepted
hint: A user with an e-mail address must go in.
check: accepts: INSERT INTO users (email) VALUES ('bob@example.com')

)T"},
    {"bad/no-unique/schema.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n"},
    {"bad/no-unique/EXPECT", "e-mail addresses are unique\n"},
};

constexpr const char* kApp = R"T(import json
import os
import sqlite3
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def answer(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        if self.path != "/notes":
            return self.answer(404, {"title": "Not Found", "status": 404})
        note = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        with sqlite3.connect(os.environ["DATABASE_PATH"]) as db:
            note_id = db.execute("INSERT INTO notes (text) VALUES (?)", (note["text"],)).lastrowid
        self.answer(STATUS, {"id": note_id, "text": note["text"]},
                    [("Location", f"/notes/{note_id}")])


STATUS = 201
ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
)T";

std::string AppWithStatus(int status) {
  return std::regex_replace(kApp, std::regex("STATUS = 201"), "STATUS = " + std::to_string(status));
}

const Files kHttpFiles = {
    {"README.md", R"T(# TODO: the title

TODO: the situation, and the API contract: resources, fields, status codes, errors.

## POST /notes

Body `{"text": "…"}`. Answers **201 Created** with the note (`id`, `text`) and a
`Location: /notes/{id}` header. Notes are stored in the table `notes (id, text)` of the
SQLite file at `DATABASE_PATH` (it exists when the server starts).

## The server

Listen on 127.0.0.1 at the port in `PORT`; the `web:` line of your `Procfile` starts it.

## What to submit

Your server's folder: `kata fetch {{id}}`, `cd {{id}}`, `kata submit {{id}} .`

)T"},
    {"starter/Procfile", "web: python3 app.py\n"},
    {"solution/Procfile", "web: python3 app.py\n"},
    {"bad/200-instead-of-201/Procfile", "web: python3 app.py\n"},
    {"bad/200-instead-of-201/EXPECT", "POST /notes answers 201 with a Location\n"},
    {"fixtures/schema.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);\n"},
    {"probes.http", R"T(probe: POST /notes answers 201 with a Location
points: 2
hint: Creating a note answers 201 Created and says in Location where it lives.
POST /notes
Content-Type: application/json
{"text": "buy milk"}
HTTP 201
[Captures]
note_id: jsonpath "$.id"
[Asserts]
header "Location" matches "^/notes/[0-9]+$"
jsonpath "$.text" == "buy milk"

probe: the note is stored
hint: Store notes in the table notes of the database at DATABASE_PATH.
sql: SELECT text FROM notes WHERE id = {{note_id}} => VALUES ('buy milk')

)T"},
};

}  // namespace

Result<std::vector<fs::path>> ScaffoldKata(KataKind kind, const std::string& id,
                                           const fs::path& dir) {
  static const std::regex kId("[a-z0-9][a-z0-9-]*");
  if (!std::regex_match(id, kId)) {
    return Status::InvalidArgument(fmt::format(
        "'{}' is not a kata id; use lowercase letters, digits and '-', e.g. top-customers", id));
  }
  fs::path root = dir / id;
  std::error_code error;
  if (fs::exists(root, error)) {
    return Status::InvalidArgument(
        fmt::format("{} already exists; choose another id or folder", root.string()));
  }
  Files files = kind == KataKind::kSql ? kSqlFiles : kind == KataKind::kSchema ? kSchemaFiles : kHttpFiles;
  files.emplace_back("kata.toml", kToml);
  if (kind == KataKind::kHttp) {
    files.emplace_back("starter/app.py", AppWithStatus(501));
    files.emplace_back("solution/app.py", AppWithStatus(201));
    files.emplace_back("bad/200-instead-of-201/app.py", AppWithStatus(200));
  }
  std::vector<fs::path> written;
  for (auto& [name, text] : files) {
    std::string content = std::regex_replace(text, std::regex("\\{\\{id\\}\\}"), id);
    content = std::regex_replace(content, std::regex("\\{\\{kind\\}\\}"), KindName(kind));
    fs::path path = root / name;
    fs::create_directories(path.parent_path(), error);
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) return Status::Internal(fmt::format("cannot write {}", path.string()));
    written.push_back(path);
  }
  return written;
}

}  // namespace kata
