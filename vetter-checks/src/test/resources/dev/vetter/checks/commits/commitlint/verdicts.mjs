// Lints every message of a corpus file with commitlint and @commitlint/config-conventional, the way
// `commitlint` does for messages it reads (same config loading, parser options and default ignores),
// and prints one JSON line per message: {"id", "errors": [rule names], "warnings": [rule names]}.
//
// Corpus format: an id line, the message's lines, then a line `---8<---`; the message is its lines
// joined with "\n" plus a final "\n". Usage: node verdicts.mjs CORPUS > verdicts.jsonl
import fs from "node:fs";
import load from "@commitlint/load";
import lint from "@commitlint/lint";

const SEPARATOR = "---8<---";

function readCorpus(path) {
  const lines = fs.readFileSync(path, "utf8").split("\n");
  const messages = [];
  let id = null;
  let body = [];
  for (const line of lines) {
    if (id === null) {
      if (line !== "") id = line;
    } else if (line === SEPARATOR) {
      messages.push({ id, message: body.join("\n") + "\n" });
      id = null;
      body = [];
    } else {
      body.push(line);
    }
  }
  return messages;
}

const loaded = await load({ extends: ["@commitlint/config-conventional"] }, { cwd: import.meta.dirname });
// as @commitlint/cli builds the options for lint()
const opts = { parserOpts: {}, plugins: {}, ignores: [], defaultIgnores: true };
if (loaded.parserPreset && typeof loaded.parserPreset.parserOpts === "object") opts.parserOpts = loaded.parserPreset.parserOpts;
if (loaded.plugins) opts.plugins = loaded.plugins;
if (loaded.ignores) opts.ignores = loaded.ignores;
if (loaded.defaultIgnores === false) opts.defaultIgnores = false;

for (const { id, message } of readCorpus(process.argv[2])) {
  // the CLI drops blank messages before linting
  const result = message.trim() === "" ? { errors: [], warnings: [] } : await lint(message, loaded.rules, opts);
  const names = (list) => list.map((r) => r.name).sort();
  process.stdout.write(JSON.stringify({ id, errors: names(result.errors), warnings: names(result.warnings) }) + "\n");
}
