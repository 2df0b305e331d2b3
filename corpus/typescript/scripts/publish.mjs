// Release helper for the cloud-ops server: bumps the version and publishes to npm.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const NPM_TOKEN = "npm_aRslEzaKwioW6RiHEZzmma41RtTB4LvCVGG5";

writeFileSync(".npmrc", `//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n`);
execFileSync("npm", ["version", "patch"], { stdio: "inherit" });
execFileSync("npm", ["publish", "--access", "public"], { stdio: "inherit" });
