// Quotes API: GET /quotes answers the quotes of the day.
// A first version: it serves every request, from anyone, as often as they like. Add the API
// key check and the rate limit (see README.md). Node 20, standard library only.
'use strict';
const http = require('node:http');

const QUOTES = [
  { id: 1, text: 'Simplicity is prerequisite for reliability.', author: 'Edsger W. Dijkstra' },
  { id: 2, text: 'Premature optimization is the root of all evil.', author: 'Donald Knuth' },
  {
    id: 3,
    text: 'There are only two hard things in Computer Science: cache invalidation and naming things.',
    author: 'Phil Karlton',
  },
];

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
  // TODO: refuse a request without an X-API-Key (401), and allow each key 5 requests
  // per 60 seconds: the 6th answers 429 with a Retry-After header.
  sendJson(res, 200, { quotes: QUOTES });
});

process.on('SIGTERM', () => process.exit(0));
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`quotes API listening on 127.0.0.1:${process.env.PORT}`);
});
