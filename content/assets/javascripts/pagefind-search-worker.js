// Material's search dialog talks to a web worker with four messages (SETUP, READY, QUERY,
// RESULT). Stock Material answers them with lunr, which needs the whole index before the first
// result. This worker answers them with Pagefind, whose index is split in chunks: a query
// fetches only the chunks and pages it needs. Material's dialog, result list and keyboard
// handling stay as they are.
//
// Material starts the worker as a classic script (`new Worker(url)`); Pagefind is an ES module,
// so it is loaded with import(), on the first query, so that a visitor who does not search
// downloads nothing of it.
"use strict";

// Material's SearchMessageType (integrations/search/worker/message).
const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

// Each page in the list costs one small request; Material shows 10 and adds more on scrolling.
const MAX_PAGES = 20;
const MAX_SECTIONS_PER_PAGE = 5;
const EXCERPT_WORDS = 24;
// "werkwinkel" also finds werkantennes and the other way round: the index has the other word on
// such pages, as metadata "same_kind" (generators/search_index.py), and a match there counts 0.8
// of a match in the title. A query searches only the words typed, each costing an index chunk.
const META_WEIGHTS = { title: 5, same_kind: 4 };

// This file is assets/javascripts/pagefind-search-worker.js: the site's root is two levels up.
const SITE_ROOT = new URL("../../", self.location.href);

let pagefind = null;
let latestQuery = 0;

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    answer(String(message.data || "")).catch((error) => {
      pagefind = null; // try loading again on the next query
      console.error("Zoeken mislukt:", error);
    });
  }
});

function loadPagefind() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", SITE_ROOT).href).then(async (module) => {
      // Result URLs relative to the site's root, wherever the site is served from.
      await module.options({ baseUrl: "/", excerptLength: EXCERPT_WORDS, ranking: { metaWeights: META_WEIGHTS } });
      return module;
    });
  }
  return pagefind;
}

async function answer(query) {
  const id = ++latestQuery;
  const words = normalise(query);
  let items = [];
  if (words.length) {
    const engine = await loadPagefind();
    const hits = (await engine.search(words.join(" "))).results;
    if (id !== latestQuery) return; // a newer query is on its way: do not show stale results
    const pages = await Promise.all(hits.slice(0, MAX_PAGES).map(async (hit) => [hit, await hit.data()]));
    items = pages.map(([hit, page]) => toItems(hit.score, page, words));
  }
  if (id === latestQuery) self.postMessage({ type: RESULT, data: { items } });
}

// What people type for the same thing, made into the words that the pages carry: the
// programme page lists "art. 60", "art 60", "artikel 60", "art. 60§7", "art.60§7",
// "artikel 60 paragraaf 7", ... among its aliases, and Pagefind matches the start of a word,
// so "art" also finds "artikel".
function normalise(query) {
  return query
    .toLowerCase()
    .replace(/(\p{L})\.(?=\p{N})/gu, "$1 ") // art.60 -> art 60
    .replace(/(\p{N})\s*§\s*(?=\p{N})/gu, "$1§") // 60 § 7 -> 60§7, as the pages write it
    .replace(/[.,;:!?"“”‘’„«»()[\]{}]+/g, " ") // punctuation is not part of a word
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

// Material's SearchResult: per page, the page itself first and then its sections. Material
// inserts `title` and `text` as HTML, so every character from the page is escaped here and
// only the highlight marks are added back.
function toItems(score, page, words) {
  const hits = markedWords(page.excerpt);
  const terms = Object.fromEntries([...(hits.size ? hits : words)].slice(0, 8).map((term) => [term, true]));
  const isHit = (word) => hits.has(word) || words.some((term) => word.startsWith(term));
  const location = relative(page.url);
  const sections = page.sub_results
    .filter((section) => section.url.includes("#") && relative(section.url) !== location)
    .slice(0, MAX_SECTIONS_PER_PAGE)
    .map((section) => ({
      location: relative(section.url),
      title: highlight(section.title || "", isHit),
      text: `<p>${excerptHtml(section.excerpt)}</p>`,
      score: score / 2, // below the page: Material folds them under "meer op deze pagina"
      terms,
    }));
  const article = {
    location,
    title: highlight(page.meta.title || location, isHit),
    text: `<p>${excerptHtml(page.excerpt)}</p>`,
    score,
    terms,
  };
  return [article, ...sections];
}

function relative(url) {
  return url.replace(/^\/+/, "");
}

// Pagefind's excerpt is the page's text with `<` and `>` written as entities and matched words
// wrapped in <mark>. Read it back to plain text, escape all of it, and mark the matched words
// again (without the punctuation that Pagefind takes along: "(Jozef").
function excerptHtml(excerpt) {
  let marked = false;
  let html = "";
  for (const part of (excerpt || "").split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>" || part === "</mark>") {
      marked = part === "<mark>";
    } else if (marked) {
      const [, before, word, after] = fromPagefindText(part).match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su);
      html += escapeHtml(before) + (word ? `<mark>${escapeHtml(word)}</mark>` : "") + escapeHtml(after);
    } else {
      html += escapeHtml(fromPagefindText(part));
    }
  }
  return html;
}

function markedWords(excerpt) {
  const words = new Set();
  for (const [, word] of (excerpt || "").matchAll(/<mark>(.*?)<\/mark>/g)) {
    const clean = plainWord(fromPagefindText(word));
    if (clean) words.add(clean);
  }
  return words;
}

function highlight(text, isHit) {
  return text
    .split(/(\s+)/)
    .map((token) => {
      const word = plainWord(token);
      return word && isHit(word) ? `<mark>${escapeHtml(token)}</mark>` : escapeHtml(token);
    })
    .join("");
}

function plainWord(token) {
  return token.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

function fromPagefindText(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

function escapeHtml(text) {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
