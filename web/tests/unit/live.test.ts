import { describe, expect, it, vi } from 'vitest'
import { nextTick, reactive } from 'vue'
import { LiveClient, OPEN_EVENT, backoffDelay, parseMessage, type SocketLike, type Timers } from '@/shared/live/client'
import { installLive, liveUrl, topicsFor } from '@/shared/live'

class FakeSocket implements SocketLike {
  readyState = 0
  onopen: ((event: unknown) => void) | null = null
  onclose: ((event: unknown) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  sent: unknown[] = []
  closed = false
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data))
  }
  close(): void {
    this.closed = true
    this.readyState = 3
  }
  // test helpers
  open(): void {
    this.readyState = 1
    this.onopen?.({})
  }
  receive(data: unknown): void {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) })
  }
  drop(): void {
    this.readyState = 3
    this.onclose?.({})
  }
}

/** Manual timers: `advance(ms)` runs what is due. */
function fakeTimers() {
  let now = 0
  let seq = 0
  const tasks = new Map<number, { at: number; fn: () => void; every?: number }>()
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      tasks.set(++seq, { at: now + ms, fn })
      return seq
    },
    clearTimeout: (h) => void tasks.delete(h as number),
    setInterval: (fn, ms) => {
      tasks.set(++seq, { at: now + ms, fn, every: ms })
      return seq
    },
    clearInterval: (h) => void tasks.delete(h as number),
  }
  function advance(ms: number): void {
    const end = now + ms
    for (;;) {
      const next = [...tasks.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
      if (!next) break
      const [id, task] = next
      now = task.at
      if (task.every) task.at += task.every
      else tasks.delete(id)
      task.fn()
    }
    now = end
  }
  return { timers, advance, pending: () => tasks.size }
}

function setup(options: { ping?: number } = {}) {
  const sockets: FakeSocket[] = []
  const clock = fakeTimers()
  const client = new LiveClient({
    url: 'ws://example.test/ws',
    createSocket: (url) => {
      const s = new FakeSocket(url)
      sockets.push(s)
      return s
    },
    timers: clock.timers,
    random: () => 0.5,
    pingIntervalMs: options.ping ?? 0,
  })
  return { client, sockets, clock, last: () => sockets[sockets.length - 1]! }
}

describe('backoffDelay', () => {
  it('doubles from one second up to the cap, spread by ±25 %', () => {
    const mid = () => 0.5
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, undefined, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000])
    expect(backoffDelay(0, undefined, () => 0)).toBe(750)
    expect(backoffDelay(0, undefined, () => 1)).toBe(1250)
    expect(backoffDelay(10, undefined, () => 1)).toBe(30000)
  })
})

describe('parseMessage', () => {
  it('accepts JSON objects with a type, nothing else', () => {
    expect(parseMessage('{"type":"hello"}')).toEqual({ type: 'hello' })
    expect(parseMessage('{"type":"intent.routed","intent_id":7}')).toEqual({ type: 'intent.routed', intent_id: 7 })
    for (const bad of ['', 'nope', '[]', '{"x":1}', '{"type":""}', '{"type":3}', 'null']) expect(parseMessage(bad)).toBeNull()
    expect(parseMessage(new ArrayBuffer(2))).toBeNull()
  })
})

describe('LiveClient', () => {
  it('subscribes to its topics when the connection opens and dispatches by type', () => {
    const { client, sockets, last } = setup()
    const routed = vi.fn()
    const all = vi.fn()
    client.on('intent.routed', routed)
    client.on('*', all)
    client.setTopics(['user:5', 'unit:12', 'user:5'])
    client.start()
    expect(sockets).toHaveLength(1)
    expect(last().url).toBe('ws://example.test/ws')
    expect(client.state).toBe('connecting')
    last().open()
    expect(client.state).toBe('open')
    expect(last().sent).toEqual([{ type: 'subscribe', topics: ['user:5', 'unit:12'] }])

    last().receive({ type: 'hello' })
    last().receive({ type: 'intent.routed', intent_id: 3, title: 'EV plant' })
    last().receive('not json')
    expect(routed).toHaveBeenCalledTimes(1)
    expect(routed).toHaveBeenCalledWith({ type: 'intent.routed', intent_id: 3, title: 'EV plant' })
    // hello, live.open and intent.routed reach the wildcard handler
    expect(all.mock.calls.map((c) => (c[0] as { type: string }).type)).toEqual([OPEN_EVENT, 'hello', 'intent.routed'])
  })

  it('stops calling a handler once it unsubscribes; a failing handler does not stop the others', () => {
    const { client, last } = setup()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const a = vi.fn(() => {
      throw new Error('boom')
    })
    const b = vi.fn()
    const offA = client.on('notification', a)
    client.on('notification', b)
    client.start()
    last().open()
    last().receive({ type: 'notification', unread: 2 })
    offA()
    last().receive({ type: 'notification', unread: 3 })
    expect(a).toHaveBeenCalledTimes(1)
    expect(b).toHaveBeenCalledTimes(2)
    expect(errors).toHaveBeenCalled()
  })

  it('reconnects with growing delays after drops, resets after a good connection, and re-subscribes', () => {
    const { client, sockets, clock, last } = setup()
    const opened = vi.fn()
    client.on(OPEN_EVENT, opened)
    client.setTopics(['user:1'])
    client.start()
    last().open()
    expect(opened).toHaveBeenLastCalledWith({ type: OPEN_EVENT, reconnect: false })

    last().drop()
    expect(client.state).toBe('waiting')
    clock.advance(999)
    expect(sockets).toHaveLength(1)
    clock.advance(1)
    expect(sockets).toHaveLength(2)
    last().drop() // failed attempt: next wait is 2 s
    clock.advance(1999)
    expect(sockets).toHaveLength(2)
    clock.advance(1)
    expect(sockets).toHaveLength(3)
    last().open()
    expect(last().sent).toEqual([{ type: 'subscribe', topics: ['user:1'] }])
    expect(opened).toHaveBeenLastCalledWith({ type: OPEN_EVENT, reconnect: true })

    last().drop() // after a good connection the wait starts again at 1 s
    clock.advance(1000)
    expect(sockets).toHaveLength(4)
  })

  it('opens a fresh connection when the topics change and stops for good on stop()', () => {
    const { client, sockets, clock, last } = setup()
    client.setTopics(['user:1'])
    client.start()
    client.start()
    expect(sockets).toHaveLength(1)
    last().open()
    client.setTopics(['user:1'])
    expect(sockets).toHaveLength(1)
    client.setTopics(['user:2', 'unit:9'])
    expect(sockets[0]!.closed).toBe(true)
    expect(sockets).toHaveLength(2)
    last().open()
    expect(last().sent).toEqual([{ type: 'subscribe', topics: ['user:2', 'unit:9'] }])

    client.stop()
    expect(last().closed).toBe(true)
    expect(client.state).toBe('idle')
    clock.advance(60_000)
    expect(sockets).toHaveLength(2)
    expect(clock.pending()).toBe(0)
  })

  it('pings while open and not after a drop', () => {
    const { client, clock, last } = setup({ ping: 25_000 })
    client.start()
    last().open()
    clock.advance(50_000)
    expect(last().sent).toEqual([{ type: 'ping' }, { type: 'ping' }])
    const first = last()
    first.drop()
    clock.advance(25_000)
    expect(first.sent).toHaveLength(2)
  })

  it('retries when the socket cannot even be created', () => {
    const clock = fakeTimers()
    let calls = 0
    const client = new LiveClient({
      url: () => 'ws://x/ws',
      createSocket: () => {
        calls += 1
        throw new Error('blocked')
      },
      timers: clock.timers,
      random: () => 0.5,
      pingIntervalMs: 0,
    })
    client.start()
    expect(calls).toBe(1)
    clock.advance(1000)
    expect(calls).toBe(2)
    client.stop()
  })

  it('send() only works while open', () => {
    const { client, last } = setup()
    expect(client.send({ type: 'ping' })).toBe(false)
    client.start()
    expect(client.send({ type: 'ping' })).toBe(false)
    last().open()
    expect(client.send({ type: 'ping' })).toBe(true)
  })
})

describe('live wiring', () => {
  it('builds the endpoint from the page protocol', () => {
    expect(liveUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/ws')
    expect(liveUrl({ protocol: 'https:', host: 'zhaoyin.example' })).toBe('wss://zhaoyin.example/ws')
  })

  it('subscribes to the user and their unit', () => {
    expect(topicsFor(null)).toEqual([])
    expect(topicsFor({ id: 4, unit: null })).toEqual(['user:4'])
    expect(topicsFor({ id: 4, unit: { id: 17 } })).toEqual(['user:4', 'unit:17'])
    expect(topicsFor({ id: 4, unit: { id: 17 } }, [17, 21, 22])).toEqual(['user:4', 'unit:17', 'unit:21', 'unit:22'])
    expect(topicsFor({ id: 9, unit: { id: 22 }, sees_all_units: true })).toEqual(['user:9', 'unit:*', 'unit:22'])
  })

  it('adds the extra units when they become known (a lead’s zones after the unit tree loads)', async () => {
    const { client, sockets, last } = setup()
    const session = reactive({ user: { id: 9, unit: { id: 3 } } as { id: number; unit: { id: number } | null } | null })
    const below = reactive<{ ids: number[] }>({ ids: [] })
    const stop = installLive(session, client, () => below.ids)
    await nextTick()
    last().open()
    expect(last().sent).toEqual([{ type: 'subscribe', topics: ['user:9', 'unit:3'] }])
    below.ids = [30, 31]
    await nextTick()
    expect(sockets).toHaveLength(2)
    last().open()
    expect(last().sent).toEqual([{ type: 'subscribe', topics: ['user:9', 'unit:3', 'unit:30', 'unit:31'] }])
    stop()
    client.stop()
  })

  it('connects after sign-in, follows a change of user and closes at sign-out', async () => {
    const { client, sockets, last } = setup()
    const session = reactive<{ user: { id: number; unit: { id: number } | null } | null }>({ user: null })
    const stop = installLive(session, client)
    expect(sockets).toHaveLength(0)
    session.user = { id: 7, unit: { id: 3 } }
    await nextTick()
    expect(sockets).toHaveLength(1)
    last().open()
    expect(last().sent).toEqual([{ type: 'subscribe', topics: ['user:7', 'unit:3'] }])
    session.user = { id: 8, unit: null }
    await nextTick()
    expect(sockets).toHaveLength(2)
    last().open()
    expect(last().sent).toEqual([{ type: 'subscribe', topics: ['user:8'] }])
    session.user = null
    await nextTick()
    expect(last().closed).toBe(true)
    expect(client.state).toBe('idle')
    stop()
  })
})
