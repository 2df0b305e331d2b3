import { randomBytes } from "node:crypto";

interface Client {
  clientId: string;
  clientSecret: string;
}

export function registerClient(clientId: string): Client {
  // ruleid: js-insecure-random-token
  const clientSecret: string = Math.random().toString(36).repeat(2);
  return { clientId, clientSecret };
}

export function registerClientSafely(clientId: string): Client {
  // ok: js-insecure-random-token
  const clientSecret: string = randomBytes(32).toString("base64url");
  return { clientId, clientSecret };
}

export function shuffle<T>(items: T[]): T[] {
  // ok: js-insecure-random-token
  const order = items.map((item) => ({ item, key: Math.random() }));
  return order.sort((a, b) => a.key - b.key).map((o) => o.item);
}
