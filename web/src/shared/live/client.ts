// A small WebSocket client for the server's live channel (`/ws`, docs/api.md): it connects,
// subscribes to topics (`{"type":"subscribe","topics":[…]}`), keeps the line alive with pings,
// reconnects with exponential backoff after a drop, and hands each JSON message to the handlers
// registered for its `type`. No Vue here: the socket factory and the timers are injectable so the
// behaviour can be tested without a server.

export interface LiveMessage {
  type: string
  [key: string]: unknown
}

export type LiveHandler = (message: LiveMessage) => void

export type LiveState = 'idle' | 'connecting' | 'open' | 'waiting'

/** The part of the browser WebSocket the client uses. */
export interface SocketLike {
  readonly readyState: number
  onopen: ((event: unknown) => void) | null
  onclose: ((event: unknown) => void) | null
  onerror: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  send(data: string): void
  close(code?: number, reason?: string): void
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  setInterval(fn: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export interface BackoffOptions {
  initialMs: number
  maxMs: number
  factor: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000, factor: 2 }

/** Sent to handlers of this type each time the connection opens (`reconnect` is true after a drop). */
export const OPEN_EVENT = 'live.open'

const OPEN = 1

/**
 * Delay before reconnect attempt `attempt` (0-based): initial × factor^attempt, capped, then spread
 * by ±25 % so that many consoles dropped together do not come back at the same instant.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** Math.max(0, attempt))
  const spread = 0.75 + 0.5 * Math.min(1, Math.max(0, random()))
  return Math.round(Math.min(options.maxMs, base * spread))
}

/** Parses a message frame; null for anything that is not a JSON object with a string `type`. */
export function parseMessage(data: unknown): LiveMessage | null {
  if (typeof data !== 'string') return null
  try {
    const value: unknown = JSON.parse(data)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
    const type = (value as { type?: unknown }).type
    return typeof type === 'string' && type !== '' ? (value as LiveMessage) : null
  } catch {
    return null
  }
}

export interface LiveClientOptions {
  /** The endpoint, or a function giving it at connect time. */
  url: string | (() => string)
  createSocket?: (url: string) => SocketLike
  timers?: Timers
  backoff?: BackoffOptions
  random?: () => number
  /** Interval of `{"type":"ping"}` while open; 0 turns pings off. */
  pingIntervalMs?: number
}

const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
}

function sameTopics(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i])
}

export class LiveClient {
  private readonly options: LiveClientOptions
  private readonly timers: Timers
  private readonly handlers = new Map<string, Set<LiveHandler>>()
  private readonly stateHandlers = new Set<(state: LiveState) => void>()
  private socket: SocketLike | null = null
  private topics: string[] = []
  private running = false
  private attempt = 0
  private everOpened = false
  private retryTimer: unknown = null
  private pingTimer: unknown = null
  private currentState: LiveState = 'idle'

  constructor(options: LiveClientOptions) {
    this.options = options
    this.timers = options.timers ?? browserTimers
  }

  get state(): LiveState {
    return this.currentState
  }

  get subscribedTopics(): readonly string[] {
    return this.topics
  }

  /** Registers a handler for one message type (`*` for all); returns the function that removes it. */
  on(type: string, handler: LiveHandler): () => void {
    let set = this.handlers.get(type)
    if (!set) {
      set = new Set()
      this.handlers.set(type, set)
    }
    set.add(handler)
    return () => {
      set.delete(handler)
      if (set.size === 0 && this.handlers.get(type) === set) this.handlers.delete(type)
    }
  }

  onState(handler: (state: LiveState) => void): () => void {
    this.stateHandlers.add(handler)
    return () => this.stateHandlers.delete(handler)
  }

  /**
   * Sets the topics to subscribe to. The server decides what a connection may join from the session
   * it was opened with, so a change of topics (a sign-in, another user) opens a fresh connection.
   */
  setTopics(topics: readonly string[]): void {
    const next = [...new Set(topics)]
    if (sameTopics(next, this.topics)) return
    this.topics = next
    if (this.running) this.reconnectNow()
  }

  /** Connects (and keeps reconnecting) until `stop()`. Calling it again does nothing. */
  start(): void {
    if (this.running) return
    this.running = true
    this.attempt = 0
    this.connect()
  }

  /** Closes the connection and stops reconnecting. */
  stop(): void {
    this.running = false
    this.everOpened = false
    this.clearRetry()
    this.dropSocket()
    this.setState('idle')
  }

  /** Sends a JSON message if the connection is open; returns whether it was sent. */
  send(message: LiveMessage): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false
    try {
      this.socket.send(JSON.stringify(message))
      return true
    } catch {
      return false
    }
  }

  private reconnectNow(): void {
    this.clearRetry()
    this.dropSocket()
    this.attempt = 0
    this.connect()
  }

  private connect(): void {
    if (!this.running) return
    const url = typeof this.options.url === 'function' ? this.options.url() : this.options.url
    const create = this.options.createSocket ?? ((u: string) => new WebSocket(u) as unknown as SocketLike)
    let socket: SocketLike
    try {
      socket = create(url)
    } catch {
      this.scheduleRetry()
      return
    }
    this.socket = socket
    this.setState('connecting')
    socket.onopen = () => {
      if (this.socket !== socket) return
      const reconnect = this.everOpened
      this.everOpened = true
      this.attempt = 0
      this.setState('open')
      if (this.topics.length > 0) this.send({ type: 'subscribe', topics: this.topics })
      this.startPing()
      this.dispatch({ type: OPEN_EVENT, reconnect })
    }
    socket.onmessage = (event) => {
      if (this.socket !== socket) return
      const message = parseMessage(event.data)
      if (message) this.dispatch(message)
    }
    socket.onerror = () => {
      // A close event follows; reconnecting happens there.
    }
    socket.onclose = () => {
      if (this.socket !== socket) return
      this.socket = null
      this.stopPing()
      this.scheduleRetry()
    }
  }

  private scheduleRetry(): void {
    if (!this.running) return
    this.clearRetry()
    const delay = backoffDelay(this.attempt, this.options.backoff, this.options.random)
    this.attempt += 1
    this.setState('waiting')
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null
      this.connect()
    }, delay)
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  private startPing(): void {
    this.stopPing()
    const every = this.options.pingIntervalMs ?? 25_000
    if (every > 0) this.pingTimer = this.timers.setInterval(() => this.send({ type: 'ping' }), every)
  }

  private stopPing(): void {
    if (this.pingTimer !== null) this.timers.clearInterval(this.pingTimer)
    this.pingTimer = null
  }

  private dropSocket(): void {
    this.stopPing()
    const socket = this.socket
    this.socket = null
    if (!socket) return
    socket.onopen = null
    socket.onmessage = null
    socket.onerror = null
    socket.onclose = null
    try {
      socket.close(1000, 'client')
    } catch {
      // already closed
    }
  }

  private dispatch(message: LiveMessage): void {
    for (const key of [message.type, '*']) {
      for (const handler of [...(this.handlers.get(key) ?? [])]) {
        try {
          handler(message)
        } catch (err) {
          console.error('live handler failed', err)
        }
      }
    }
  }

  private setState(state: LiveState): void {
    if (state === this.currentState) return
    this.currentState = state
    for (const handler of [...this.stateHandlers]) handler(state)
  }
}
