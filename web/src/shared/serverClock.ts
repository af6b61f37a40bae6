// The server's clock as the browser sees it: deadlines are set by the server's clock (which tests
// may move), so countdowns measure from the server's now, not the browser's.
let offsetMs = 0

/** Records the server's time as just reported (e.g. `server_time` of /auth/me). */
export function setServerTime(iso: string, receivedAt: number = Date.now()): void {
  const server = Date.parse(iso)
  if (!Number.isNaN(server)) offsetMs = server - receivedAt
}

/** The server's now, in milliseconds since the epoch. */
export function serverNow(): number {
  return Date.now() + offsetMs
}
