// Prints, for each case of params-cases.json, the query string the official client's
// `serializeParams` (`@cargo-ai/api` build/src/fetcher/params.js) builds from it.
import { readFileSync } from "node:fs";
import { serializeParams } from "./node_modules/@cargo-ai/api/build/src/fetcher/params.js";

const cases = JSON.parse(readFileSync(new URL("./params-cases.json", import.meta.url), "utf8"));
const answers = cases.map(({ name, params }) => ({ name, params, query: serializeParams(params) }));
process.stdout.write(JSON.stringify(answers, null, 1) + "\n");
