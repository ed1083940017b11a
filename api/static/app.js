// The chat page. Everything from the server is put on the page as text (textContent), never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const conversation = [];          // {role, content} sent with every turn, so follow-ups work
let docOffset = 0;
let readable = [];                // the collections this key may read ({name, documents}), from /v1/collections

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function headers(json = true) {
  const h = json ? { "Content-Type": "application/json" } : {};
  const key = sessionStorage.getItem("apiKey");
  if (key) h["Authorization"] = "Bearer " + key;
  return h;
}

async function errorText(response) {
  try { return (await response.json()).error.message; } catch { return "HTTP " + response.status; }
}

// --- answers ---------------------------------------------------------------------------------------

function citationButton(n, citation) {
  const label = citation ? `Source ${n}: ${citation.title}` : `Source ${n}`;
  return el("button", { type: "button", class: "cite", "aria-label": label, "data-cite": String(n),
                        onclick: (event) => showPassage(citation, event.currentTarget) }, `[${n}]`);
}

function textWithCitations(text, citations) {
  const byId = new Map(citations.map((c) => [c.id, c]));
  const p = el("p", { class: "answer-text" });
  let last = 0;
  for (const match of text.matchAll(/\[(\d+)\]/g)) {
    p.append(text.slice(last, match.index));
    const n = Number(match[1]);
    p.append(byId.has(n) ? citationButton(n, byId.get(n)) : match[0]);
    last = match.index + match[0].length;
  }
  p.append(text.slice(last));
  return p;
}

function dated(c) {
  return [c.source, c.published_at, c.page ? `p. ${c.page}` : null].filter(Boolean).join(", ");
}

function renderAnswer(item, answer, searched) {
  item.classList.remove("streaming");
  item.replaceChildren(el("div", { class: "who" }, "Answer",
    answer.degraded ? el("span", { class: "badge", title: "The model's answer could not be verified; this is the extractive answer" }, "fallback") : null));
  const where = searched ? el("p", { class: "searched" }, "Searched: " + searched.join(", ")) : null;
  if (!answer.grounded) {
    item.classList.add("declined-answer");
    item.append(el("div", { class: "declined", role: "note" },
      el("strong", {}, "Not in the articles"), answer.answer), where);
    return;
  }
  item.append(textWithCitations(answer.answer, answer.citations));
  if (answer.conflicts.length) {
    const list = el("ul");
    for (const conflict of answer.conflicts) {
      const sides = el("li", {}, conflict.kind === "scope" ? `Different measures of ${conflict.about}: ` : `${conflict.about}: `);
      conflict.claims.forEach((claim, i) => {
        const c = answer.citations.find((x) => x.id === claim.citation);
        if (i) sides.append(" vs ");
        sides.append(el("strong", {}, claim.value), " ", citationButton(claim.citation, c));
      });
      list.append(sides);
    }
    item.append(el("section", { class: "conflicts", role: "note", "aria-label": "Sources disagree" },
      el("h3", {}, "Sources disagree"), list));
  }
  const sources = el("ol");
  for (const c of answer.citations) {
    sources.append(el("li", { value: String(c.id) }, c.title, dated(c) ? ` (${dated(c)})` : "", " ", citationButton(c.id, c)));
  }
  item.append(el("section", { class: "sources", "aria-label": "Sources" }, el("h3", {}, "Sources"), sources), where);
}

// --- collections -----------------------------------------------------------------------------------

function chosen() {
  return [...document.querySelectorAll("#collection-list input:checked")].map((input) => input.value);
}

function showSearched() {
  const names = chosen();
  $("searching").textContent = readable.length
    ? (names.length ? "This conversation searches: " + names.join(", ") : "Pick at least one collection to search.")
    : "";
}

async function loadCollections() {
  // Only the collections the key may read are offered; the server enforces the same limit on every request.
  const before = new Set(chosen());
  const first = !readable.length;
  let response;
  try { response = await fetch("/v1/collections", { headers: headers(false) }); } catch { response = null; }
  readable = response && response.ok ? (await response.json()).collections : [];
  const list = $("collection-list");
  list.replaceChildren();
  for (const c of readable) {
    const input = el("input", { type: "checkbox", id: "collection-" + c.name, value: c.name });
    input.checked = first || before.has(c.name);
    input.addEventListener("change", showSearched);
    list.append(el("label", { for: input.id }, input, ` ${c.name} (${c.documents})`));
  }
  if (readable.length && !chosen().length) list.querySelectorAll("input").forEach((input) => { input.checked = true; });
  $("collections").hidden = !readable.length;
  showSearched();
}

function safeLink(url) {
  // Only http(s) links are made; anything else (javascript:, data:) stays text.
  try { const u = new URL(url); return u.protocol === "http:" || u.protocol === "https:" ? u.href : null; }
  catch { return null; }
}

function highlighted(passage, sentence) {
  // The whole passage as text nodes, the cited sentence inside a <mark> (also a text node: never HTML).
  const quote = el("blockquote", { id: "passage-text" });
  const at = sentence ? passage.indexOf(sentence) : -1;
  if (at < 0) {
    if (sentence && sentence !== passage) quote.append(el("mark", {}, sentence), "\n\n");
    quote.append(passage);
    return quote;
  }
  quote.append(passage.slice(0, at), el("mark", {}, sentence), passage.slice(at + sentence.length));
  return quote;
}

function showPassage(citation, opener) {
  const dialog = $("passage");
  $("passage-title").textContent = citation ? citation.title : "Unknown source";
  $("passage-meta").textContent = citation ? [dated(citation), citation.doc_id].filter(Boolean).join(" · ") : "";
  const link = citation && citation.url ? safeLink(citation.url) : null;
  $("passage-link").replaceChildren(link ? el("a", { href: link, target: "_blank", rel: "noopener noreferrer" }, citation.url)
                                         : (citation && citation.url ? citation.url : ""));
  $("passage-link").hidden = !(citation && citation.url);
  const also = citation && citation.also_published_by ? citation.also_published_by : [];
  $("passage-also").textContent = also.length ? "Also published by " + also.join(", ") : "";
  $("passage-also").hidden = !also.length;
  $("passage-text").replaceWith(citation ? highlighted(citation.passage || citation.text, citation.text) : el("blockquote", { id: "passage-text" }));
  dialog.returnFocus = opener;
  dialog.showModal();
  $("passage-close").focus();
}

async function* sse(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = "message", data = "";
      for (const line of frame.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      yield [event, data ? JSON.parse(data) : null];
    }
  }
}

async function ask(question) {
  const searched = readable.length ? chosen() : null;
  if (searched && !searched.length) { showSearched(); return; }
  $("empty").hidden = true;
  conversation.push({ role: "user", content: question });
  $("log").append(el("li", { class: "user" }, el("div", { class: "who" }, "You"), el("p", { class: "answer-text" }, question)));
  const item = el("li", { class: "assistant streaming", "aria-busy": "true" },
    el("div", { class: "who" }, "Searching the articles…"), el("p", { class: "answer-text" }));
  $("log").append(item);
  item.scrollIntoView({ block: "end" });
  const draft = item.querySelector(".answer-text");
  let answered = false;
  try {
    const response = await fetch("/v1/chat", { method: "POST", headers: headers(),
      body: JSON.stringify({ messages: conversation.slice(-50), stream: true,
                             ...(searched ? { filters: { collections: searched } } : {}) }) });
    if (!response.ok) throw new Error(await errorText(response));
    for await (const [event, data] of sse(response)) {
      if (event === "token") draft.append(data.text);
      else if (event === "query" && data.query !== question) item.querySelector(".who").textContent = `Searching for: ${data.query}`;
      else if (event === "answer") { renderAnswer(item, data, searched); conversation.push({ role: "assistant", content: data.answer }); answered = true; }
      else if (event === "error") throw new Error(data.error.message);
    }
    if (!answered) throw new Error("the answer stream ended early");
  } catch (error) {
    conversation.pop();
    item.classList.remove("streaming");
    item.replaceChildren(el("p", { class: "error", role: "alert" }, "Could not answer: " + error.message));
  } finally {
    item.removeAttribute("aria-busy");
  }
}

// --- documents -------------------------------------------------------------------------------------

async function loadStatus() {
  try {
    const health = await (await fetch("/healthz", { headers: headers(false) })).json();
    $("status").textContent = `${health.documents} articles, ${health.chunks} passages indexed`;
  } catch { $("status").textContent = "the service is not answering"; }
}

async function loadDocuments(reset = true) {
  if (reset) { docOffset = 0; $("doc-list").replaceChildren(); }
  const response = await fetch(`/v1/documents?limit=50&offset=${docOffset}`, { headers: headers(false) });
  if (!response.ok) { $("doc-list").append(el("li", { class: "error" }, await errorText(response))); return; }
  const page = await response.json();
  for (const doc of page.documents) {
    const meta = [doc.source, doc.published_at].filter(Boolean).join(", ");
    const also = doc.also_published_by && doc.also_published_by.length ? ` — also published by ${doc.also_published_by.join(", ")}` : "";
    const copy = doc.duplicate_of ? ` — a copy of ${doc.duplicate_of}` : "";
    const within = doc.collections && doc.collections.length ? ` [${doc.collections.join(", ")}]` : "";
    $("doc-list").append(el("li", {}, doc.title, meta ? ` (${meta})` : "", also, copy, within,
      el("button", { type: "button", "aria-label": `Delete ${doc.title}`, onclick: () => deleteDocument(doc) }, "Delete")));
  }
  docOffset = page.next_offset ?? docOffset;
  $("doc-more").hidden = page.next_offset == null;
}

async function deleteDocument(doc) {
  if (!confirm(`Delete “${doc.title}” from the index?`)) return;
  const response = await fetch(`/v1/documents/${encodeURIComponent(doc.doc_id)}`, { method: "DELETE", headers: headers(false) });
  $("upload-status").textContent = response.ok ? `Deleted ${doc.title}.` : "Could not delete: " + await errorText(response);
  loadDocuments(); loadStatus();
}

async function upload(event) {
  event.preventDefault();
  const file = $("file").files[0];
  if (!file) return;
  const body = new FormData();
  body.append("file", file);
  $("upload-status").textContent = `Uploading ${file.name}…`;
  const response = await fetch("/v1/documents", { method: "POST", headers: headers(false), body });
  if (response.ok) {
    const doc = await response.json();
    $("upload-status").textContent = `${doc.title}: ${doc.status} (${doc.chunks} passages).`;
    $("file").value = "";
    loadDocuments(); loadStatus();
  } else {
    $("upload-status").textContent = "Could not add it: " + await errorText(response);
  }
}

async function addLink(event) {
  event.preventDefault();
  const url = $("link").value.trim();
  if (!url) return;
  $("upload-status").textContent = `Fetching ${url}…`;
  const response = await fetch("/v1/documents", { method: "POST", headers: headers(), body: JSON.stringify({ url }) });
  if (response.ok) {
    const doc = await response.json();
    const copy = doc.duplicate_of ? ` (a copy of ${doc.duplicate_of}: kept as one source)` : "";
    $("upload-status").textContent = `${doc.title}: ${doc.status} (${doc.chunks} passages)${copy}.`;
    $("link").value = "";
    loadDocuments(); loadStatus();
  } else {
    $("upload-status").textContent = "Could not add it: " + await errorText(response);
  }
}

// --- wiring ----------------------------------------------------------------------------------------

document.addEventListener("DOMContentLoaded", () => {
  $("api-key").value = sessionStorage.getItem("apiKey") || "";
  $("api-key").addEventListener("change", (e) => {
    sessionStorage.setItem("apiKey", e.target.value.trim()); loadDocuments(); loadCollections(); loadStatus();
  });
  $("ask").addEventListener("submit", async (event) => {
    event.preventDefault();
    const question = $("question").value.trim();
    if (!question) return;
    $("question").value = "";
    $("send").disabled = true;
    try { await ask(question); } finally { $("send").disabled = false; $("question").focus(); }
  });
  $("question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("ask").requestSubmit();
    }
  });
  $("new-chat").addEventListener("click", () => {
    conversation.length = 0; $("log").replaceChildren(); $("empty").hidden = false; $("question").focus();
  });
  $("docs-toggle").addEventListener("click", () => {
    const open = $("docs").hidden;
    $("docs").hidden = !open;
    $("docs-toggle").setAttribute("aria-expanded", String(open));
    if (open) { loadDocuments(); $("file").focus(); }
  });
  $("doc-more").addEventListener("click", () => loadDocuments(false));
  $("upload").addEventListener("submit", upload);
  $("add-link").addEventListener("submit", addLink);
  $("passage").addEventListener("close", () => { $("passage").returnFocus?.focus(); });
  loadStatus();
  loadCollections();
});
