const { randomUUID } = require("node:crypto");
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");

let nextId = 1;

function makeTransport(secure) {
  if (secure) {
    // ok: js-weak-session-id
    return new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID });
  }
  // ruleid: js-weak-session-id
  return new StreamableHTTPServerTransport({ sessionIdGenerator: () => String(nextId++) });
}

function onInitialize(state) {
  // ruleid: js-weak-session-id
  state.sessionId = (Math.random() * 1e9).toFixed(0);
  // ok: js-weak-session-id
  state.requestCount = nextId++;
  return state;
}

module.exports = { makeTransport, onInitialize };
