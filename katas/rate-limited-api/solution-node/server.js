// Quotes API: GET /quotes, at most 5 requests per API key in a 60-second window.
// Node 20, standard library only. The counters live in memory: losing them on a restart only
// gives every client a fresh window, which this API accepts.
'use strict';
const http = require('node:http');

const LIMIT = 5; // requests per key and window
const WINDOW_MS = 60_000;

const QUOTES = [
  { id: 1, text: 'Simplicity is prerequisite for reliability.', author: 'Edsger W. Dijkstra' },
  { id: 2, text: 'Premature optimization is the root of all evil.', author: 'Donald Knuth' },
  {
    id: 3,
    text: 'There are only two hard things in Computer Science: cache invalidation and naming things.',
    author: 'Phil Karlton',
  },
];

// key -> { start, count }: a window starts with the key's first request.
// Node runs handlers one at a time, so no lock is needed.
const windows = new Map();

// Counts one request. Returns { allowed, remaining, reset } (reset: seconds until the window ends).
function take(key, now = performance.now()) {
  let window = windows.get(key);
  if (window === undefined || now - window.start >= WINDOW_MS) {
    window = { start: now, count: 0 };
    windows.set(key, window);
  }
  const reset = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
  if (window.count >= LIMIT) return { allowed: false, remaining: 0, reset }; // uses up nothing
  window.count += 1;
  return { allowed: true, remaining: LIMIT - window.count, reset };
}

function sendJson(res, status, body, headers = {}) {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json',
    'Content-Length': Buffer.byteLength(data),
    ...headers,
  });
  res.end(data);
}

function sendProblem(res, status, title, detail, headers = {}) {
  sendJson(res, status, { type: 'about:blank', title, status, detail }, headers);
}

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (req.method !== 'GET' || path !== '/quotes') {
    sendProblem(res, 404, 'Not Found', `There is no ${req.method} ${path}.`);
    return;
  }
  const key = (req.headers['x-api-key'] ?? '').trim();
  if (key === '') {
    sendProblem(res, 401, 'Unauthorized', 'Send your API key in the X-API-Key header.');
    return;
  }
  const { allowed, remaining, reset } = take(key);
  const headers = {
    'RateLimit-Limit': String(LIMIT),
    'RateLimit-Remaining': String(remaining),
    'RateLimit-Reset': String(reset),
  };
  if (!allowed) {
    sendProblem(
      res,
      429,
      'Too Many Requests',
      `This API key may make ${LIMIT} requests per ${WINDOW_MS / 1000} seconds. ` +
        `Try again in ${reset} seconds.`,
      { 'Retry-After': String(reset), ...headers },
    );
    return;
  }
  sendJson(res, 200, { quotes: QUOTES }, headers);
});

process.on('SIGTERM', () => process.exit(0));
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`quotes API listening on 127.0.0.1:${process.env.PORT}`);
});
