// Health check and echo: the reference solution in Node 20 (standard library only).
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

function sendProblem(res, status, detail) {
  sendJson(
    res,
    status,
    { type: 'about:blank', title: http.STATUS_CODES[status], status, detail },
    'application/problem+json',
  );
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(req, res) {
  const path = new URL(req.url, 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/health') {
    sendJson(res, 200, { status: 'ok' });
  } else if (req.method === 'POST' && path === '/echo') {
    let document;
    try {
      document = JSON.parse(await readBody(req));
    } catch {
      sendProblem(res, 400, 'The request body is not valid JSON.');
      return;
    }
    sendJson(res, 200, document);
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
