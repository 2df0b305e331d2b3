import fs from "node:fs";
import yaml from "js-yaml";
import serialize from "node-serialize";

export function loadCached(key) {
  const text = fs.readFileSync(`/var/cache/mcp/${key}.json`, "utf8");
  // ruleid: js-unsafe-deserialization
  return serialize.unserialize(text);
}

export function loadPlugins(path) {
  // ruleid: js-unsafe-deserialization
  return yaml.load(fs.readFileSync(path, "utf8"), { schema: yaml.DEFAULT_FULL_SCHEMA });
}

export function loadSettings(path) {
  // ok: js-unsafe-deserialization
  return yaml.load(fs.readFileSync(path, "utf8"));
}

export function loadJson(path) {
  // ok: js-unsafe-deserialization
  return JSON.parse(fs.readFileSync(path, "utf8"));
}
