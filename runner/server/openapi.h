// The OpenAPI 3 document of kata serve's API (runner/server/openapi.json, compiled in).
#pragma once

namespace kata {

const char* OpenApiDocument();

}  // namespace kata
