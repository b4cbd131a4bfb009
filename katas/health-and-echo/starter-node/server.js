// Health check and echo: your server in Node 20 (standard library only).
//
// Run it locally:  PORT=8000 node server.js
// Then try:        curl -i http://127.0.0.1:8000/health
'use strict';
const http = require('node:http');

function sendJson(res, status, document, contentType = 'application/json') {
  const body = JSON.stringify(document);
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

// An error as an RFC 9457 problem details document.
function sendProblem(res, status, detail) {
  sendJson(
    res,
    status,
    { type: 'about:blank', title: http.STATUS_CODES[status], status, detail },
    'application/problem+json',
  );
}

async function handle(req, res) {
  const path = new URL(req.url, 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/health') {
    // TODO: answer 200 with {"status": "ok"}
    sendProblem(res, 501, 'GET /health is not written yet.');
  } else if (req.method === 'POST' && path === '/echo') {
    // TODO: read the whole body (req is a stream: collect its 'data' chunks until 'end'),
    // parse it as JSON and answer 200 with the same JSON; a body that is not JSON answers 400.
    sendProblem(res, 501, 'POST /echo is not written yet.');
  } else {
    sendProblem(res, 404, `There is nothing at ${req.method} ${path}.`);
  }
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) sendProblem(res, 500, 'Something went wrong on our side.');
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${process.env.PORT}`);
});
process.on('SIGTERM', () => process.exit(0));
