// The reference CSL processor, citeproc-js, for the tests only: it is never served.
// Standard input: {"items": [CSL-JSON item, ...], "locale": PATH, "styles": {NAME: PATH, ...}}.
// Standard output: {NAME: [{"text": ..., "html": ...}, ...]}, each item's bibliography entry
// rendered alone, as on its own permalink, in the order of the items.
"use strict";
const fs = require("fs");
const CSL = require("citeproc");

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const items = new Map(request.items.map((item) => [String(item.id), item]));
const locale = fs.readFileSync(request.locale, "utf8");
const sys = { retrieveLocale: () => locale, retrieveItem: (id) => items.get(String(id)) };

function entry(engine, id, format) {
  engine.setOutputFormat(format);
  // A fresh quotation-mark parser, as a new engine would have: it remembers the first
  // straight quotation it met, and each entry must be rendered as if alone.
  engine.fun.flipflopper = new CSL.Util.FlipFlopper(engine);
  engine.updateItems([id]);
  const [meta, bibliography] = engine.makeBibliography();
  if (meta.bibliography_errors.length) {
    throw new Error(`${id}: ${JSON.stringify(meta.bibliography_errors)}`);
  }
  return bibliography.join("").trim();
}

const result = {};
for (const [name, path] of Object.entries(request.styles)) {
  // Building an engine from a large style takes seconds: one per style, reused per item.
  const engine = new CSL.Engine(sys, fs.readFileSync(path, "utf8"), "en-US", true);
  result[name] = [...items.keys()].map((id) => ({
    text: entry(engine, id, "text"),
    html: entry(engine, id, "html"),
  }));
}
process.stdout.write(JSON.stringify(result));
