// Fixtures for js-child-process-exec: CommonJS imports say which `exec` / `execSync` a call is.
const { exec } = require("node:child_process");
const { execSync: run } = require("child_process");
const { execSync } = require("./shell-free/sql.js");
const db = require("better-sqlite3")("app.db");

function archive(dir) {
  // ruleid: js-child-process-exec
  exec("tar czf /tmp/a.tgz " + dir);
  // execSync here is the database helper's, not child_process's.
  // ok: js-child-process-exec
  execSync(`SELECT * FROM files WHERE dir = '${dir}'`);
  return run;
}

module.exports = { archive, db };
