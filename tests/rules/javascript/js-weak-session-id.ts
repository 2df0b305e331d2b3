import { randomUUID } from "node:crypto";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

let counter = 0;

export const predictable = new StreamableHTTPServerTransport({
  // ruleid: js-weak-session-id
  sessionIdGenerator: () => Math.random().toString(36).substring(2),
});

export const timed = new StreamableHTTPServerTransport({
  // ruleid: js-weak-session-id
  sessionIdGenerator: () => `${Date.now()}`,
});

export const counted = new StreamableHTTPServerTransport({
  // ruleid: js-weak-session-id
  sessionIdGenerator: () => String(++counter),
});

export const secure = new StreamableHTTPServerTransport({
  // ok: js-weak-session-id
  sessionIdGenerator: () => randomUUID(),
});

export const stateless = new StreamableHTTPServerTransport({
  // ok: js-weak-session-id
  sessionIdGenerator: undefined,
});

export function newSessionId(): string {
  // ruleid: js-weak-session-id
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
}

export function track(sessions: Map<string, object>): string {
  // ruleid: js-weak-session-id
  const sessionId = `s-${sessions.size + 1}-${counter++}`;
  // ok: js-weak-session-id
  const requestId = `r-${Date.now()}`;
  sessions.set(sessionId, { requestId });
  return sessionId;
}

export function forAccount(accountId: string): string {
  // ok: js-weak-session-id
  const sessionId = `${accountId}-${randomUUID()}`;
  return sessionId;
}
