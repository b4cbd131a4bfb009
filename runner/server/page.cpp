// The page's HTML and the statement's Markdown rendering.
#include "runner/server/page.h"

#include <cmark.h>

#include <cstdlib>

namespace kata {

std::string RenderMarkdown(const std::string& markdown) {
  // CMARK_OPT_SAFE is the default since cmark 0.29: raw HTML and unsafe URLs are omitted.
  char* html = cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
  std::string out = html ? html : "";
  std::free(html);
  return out;
}

const std::string& WebPage() {
  static const std::string kPage = R"HTML(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kata</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1b1b1b; }
  header { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; }
  button, input, select, textarea { font: inherit; }
  textarea { width: 100%; min-height: 10rem; font-family: ui-monospace, monospace; }
  pre, code { background: #f4f4f4; }
  pre { padding: .5rem; overflow-x: auto; }
  .pass { color: #146c2e; } .fail, .error { color: #a4161a; } .skipped { color: #7a5c00; }
  .message { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: .9em; }
  [hidden] { display: none; }
</style>
</head>
<body>
<header>
  <h1>kata</h1>
  <label>Your token <input id="token" type="password" autocomplete="off" size="40"></label>
  <button id="save-token">Use token</button>
</header>
<main>
  <section id="catalogue" aria-labelledby="catalogue-title">
    <h2 id="catalogue-title">Katas</h2>
    <label>Kind <select id="kind"><option value="">all</option><option>sql</option><option>schema</option><option>http</option></select></label>
    <label>Search <input id="search" type="search"></label>
    <table><thead><tr><th>Kata</th><th>Kind</th><th>Level</th><th>Summary</th></tr></thead><tbody id="katas"></tbody></table>
    <p id="catalogue-status" role="status"></p>
  </section>
  <section id="kata" hidden aria-labelledby="kata-title">
    <p><button id="back">← All katas</button></p>
    <h2 id="kata-title"></h2>
    <p><a id="starter" href="#">Download the starter</a></p>
    <article id="statement"></article>
    <h3>Submit</h3>
    <form id="submit-form">
      <div id="text-input"><label for="source">Your <span id="file-name"></span></label>
        <textarea id="source" required></textarea></div>
      <div id="file-input" hidden><label>Your server's folder as a .tar.gz or .zip
        <input id="upload" type="file" accept=".tar.gz,.tgz,.zip,.tar"></label></div>
      <button type="submit">Submit</button>
    </form>
    <div id="result" aria-live="polite"></div>
    <h3>Your submissions</h3>
    <table><thead><tr><th>When</th><th>State</th><th>Status</th><th>Score</th></tr></thead><tbody id="history"></tbody></table>
  </section>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
let token = localStorage.getItem("kata-token") || "";
let current = null;
$("token").value = token;

async function api(path, options = {}) {
  options.headers = Object.assign({"Authorization": "Bearer " + token}, options.headers || {});
  const response = await fetch(path, options);
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : await response.blob();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function text(tag, value, className) {
  const node = document.createElement(tag);
  node.textContent = value;
  if (className) node.className = className;
  return node;
}

async function loadKatas() {
  $("catalogue-status").textContent = "Loading…";
  try {
    const kind = $("kind").value;
    const katas = await api("/api/katas" + (kind ? "?kind=" + kind : ""));
    const search = $("search").value.toLowerCase();
    $("katas").replaceChildren();
    for (const kata of katas) {
      if (search && !(kata.id + kata.title + kata.summary).toLowerCase().includes(search)) continue;
      const row = document.createElement("tr");
      const link = text("a", kata.title);
      link.href = "#" + kata.id;
      const cell = document.createElement("td");
      cell.append(link);
      row.append(cell, text("td", kata.kind), text("td", "★".repeat(kata.difficulty)), text("td", kata.summary));
      $("katas").append(row);
    }
    $("catalogue-status").textContent = katas.length + " katas";
  } catch (error) {
    $("catalogue-status").textContent = error.message;
  }
}

async function openKata(id) {
  current = await api("/api/katas/" + id);
  $("catalogue").hidden = true;
  $("kata").hidden = false;
  $("kata-title").textContent = current.title;
  $("statement").innerHTML = current.statement_html;  // rendered by cmark, raw HTML dropped
  $("file-name").textContent = current.submit;
  const http = current.kind === "http";
  $("text-input").hidden = http;
  $("file-input").hidden = !http;
  $("source").required = !http;
  $("result").replaceChildren();
  loadHistory();
}

async function loadHistory() {
  const submissions = await api("/api/submissions?kata=" + current.id);
  $("history").replaceChildren();
  for (const s of submissions) {
    const row = document.createElement("tr");
    row.append(text("td", new Date(s.created_ms).toLocaleString()), text("td", s.state),
               text("td", s.status || "", s.status), text("td", s.score === undefined ? "" : s.score + "/" + s.max_score));
    $("history").append(row);
  }
}

function showResult(result) {
  const box = $("result");
  box.replaceChildren();
  if (result.state !== "done") {
    box.append(text("p", "Your submission is " + result.state + "…"));
    return;
  }
  box.append(text("p", result.status.toUpperCase() + " — " + result.score + "/" + result.max_score + " points (verdict " + result.verdict + ")", result.status));
  const list = document.createElement("ul");
  for (const test of result.tests) {
    const item = text("li", (test.hidden ? "hidden: " : "") + test.name + " — " + test.score + "/" + test.max_score, test.status);
    if (test.status !== "pass") item.append(text("div", test.message, "message"));
    list.append(item);
  }
  box.append(list);
  if (result.output) box.append(text("pre", result.output));
}

$("submit-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    let accepted;
    if (current.kind === "http") {
      const file = $("upload").files[0];
      accepted = await api("/api/katas/" + current.id + "/submissions",
                           {method: "POST", headers: {"Content-Type": "application/gzip"}, body: file});
    } else {
      accepted = await api("/api/katas/" + current.id + "/submissions",
                           {method: "POST", headers: {"Content-Type": "application/json"},
                            body: JSON.stringify({source: $("source").value})});
    }
    let result = {state: "queued"};
    while (result.state !== "done") {
      showResult(result);
      await new Promise((resolve) => setTimeout(resolve, 400));
      result = await api("/api/submissions/" + accepted.id);
    }
    showResult(result);
    loadHistory();
  } catch (error) {
    $("result").replaceChildren(text("p", error.message, "error"));
  }
});

$("starter").addEventListener("click", async (event) => {
  event.preventDefault();
  const blob = await api("/api/katas/" + current.id + "/starter");
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = current.id + "-starter.tar.gz";
  link.click();
});
$("save-token").addEventListener("click", () => {
  token = $("token").value.trim();
  localStorage.setItem("kata-token", token);
  loadKatas();
});
$("kind").addEventListener("change", loadKatas);
$("search").addEventListener("input", loadKatas);
$("back").addEventListener("click", () => { location.hash = ""; });
window.addEventListener("hashchange", route);
function route() {
  const id = location.hash.slice(1);
  if (id) { openKata(id).catch((e) => { $("catalogue-status").textContent = e.message; }); }
  else { $("kata").hidden = true; $("catalogue").hidden = false; loadKatas(); }
}
route();
</script>
</body>
</html>
)HTML";
  return kPage;
}

}  // namespace kata
