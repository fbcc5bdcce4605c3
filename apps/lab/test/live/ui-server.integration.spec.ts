// The live view's server over real HTTP on 127.0.0.1: the page's files, the lab's events as
// server-sent events, and the change API in front of a LiveLab (a stub that records what it is asked).
import { request } from 'node:http';
import { waitFor } from '@grpc-greeter/testing';
import type { LiveState, LiveWindow } from '@grpc-greeter/lab-engine';
import { startUiServer, type UiServer } from '../../src/ui';
import { type EventStreamClient, openEventStream } from './event-stream-client';
import { StubLiveLab } from './stub-live-lab';

interface Reply {
  status: number;
  type: string | undefined;
  body: string;
}

function send(
  url: string,
  method: string,
  body?: string,
  type = 'application/json',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, agent: false, headers: body === undefined ? {} : { 'Content-Type': type } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the live view server', () => {
  let lab: StubLiveLab;
  let ui: UiServer;
  let streams: EventStreamClient[];
  const post = (path: string, body: unknown) =>
    send(new URL(path, ui.url).href, 'POST', JSON.stringify(body));
  const events = async () => {
    const stream = await openEventStream(new URL('/events', ui.url).href);
    streams.push(stream);
    return stream;
  };

  beforeEach(async () => {
    lab = new StubLiveLab(100);
    ui = await startUiServer(lab, { port: 0 });
    streams = [];
  });
  afterEach(async () => {
    for (const stream of streams) stream.close();
    await ui.close();
    lab.close();
  });

  it('listens on 127.0.0.1 on a free port', () => {
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(new URL(ui.url).port).not.toBe('0');
  });

  it('serves the built page and its script, and nothing outside the page folder', async () => {
    const page = await send(ui.url, 'GET');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<script type="module" src="main.js">');
    const script = await send(new URL('main.js', ui.url).href, 'GET');
    expect([script.status, script.type]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(script.body.length).toBeGreaterThan(10_000);
    for (const path of ['/nope.js', '/..%2f..%2fpackage.json', '/ui/index.html', '/main.ts']) {
      expect([path, (await send(new URL(path, ui.url).href, 'GET')).status]).toEqual([path, 404]);
    }
  });

  it('sends the current state first on /events, then every window as it happens', async () => {
    const stream = await events();
    expect(stream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await waitFor(
      'three windows',
      () => stream.events.filter((e) => e.event === 'window').length >= 3,
    );
    expect(stream.events[0]).toEqual({ event: 'state', data: lab.state() });
    const window = stream.events.find((e) => e.event === 'window')?.data as LiveWindow;
    expect(window.intervalMs).toBe(100);
    expect(window.calls).toBe(5);
    expect(Object.values(window.byPod).reduce((a, b) => a + b, 0) + window.failed).toBe(5);
  });

  it("passes on the lab's messages", async () => {
    const stream = await events();
    lab.emit('message', 'pushed routing v1=50,v2=50');
    await waitFor('the message', () => stream.events.some((e) => e.event === 'message'));
    expect(stream.events.find((e) => e.event === 'message')?.data).toBe(
      'pushed routing v1=50,v2=50',
    );
  });

  it('applies weights and pushes the new state to every open page', async () => {
    const [first, second] = [await events(), await events()];
    const reply = await post('/api/weights', { weights: { v1: 0, v2: 100 } });
    expect([reply.status, JSON.parse(reply.body)]).toEqual([200, { ok: true }]);
    expect(lab.requests).toEqual([['setWeights', { v1: 0, v2: 100 }]]);
    for (const stream of [first, second]) {
      await waitFor('a state with 0/100', () =>
        stream.events.some((e) => e.event === 'state' && (e.data as LiveState).weights?.v2 === 100),
      );
    }
  });

  it("answers a refused change with the lab's own error", async () => {
    lab.refuseNext('Error: UPGRADE FAILED: routing.weights must sum to 100, got 110');
    const reply = await post('/api/weights', { weights: { v1: 90, v2: 20 } });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: 'Error: UPGRADE FAILED: routing.weights must sum to 100, got 110',
    });
    expect(lab.state().weights).toEqual({ v1: 90, v2: 10 });
  });

  it('scales, restarts and switches scenario through the lab', async () => {
    for (const [path, body] of [
      ['/api/scale', { version: 'v2', replicas: 3 }],
      ['/api/restart', { version: 'v1' }],
      ['/api/scenario', { name: 'v2-only' }],
    ] as const) {
      expect(JSON.parse((await post(path, body)).body)).toEqual({ ok: true });
    }
    expect(lab.requests).toEqual([
      ['scale', 'v2', 3],
      ['restart', 'v1'],
      ['switchScenario', 'v2-only'],
    ]);
  });

  it.each([
    ['/api/weights', 'not json'],
    ['/api/weights', '[]'],
    ['/api/weights', '{}'],
    ['/api/weights', '{"weights":{"v1":"90"}}'],
    ['/api/scale', '{"version":"v1","replicas":"2"}'],
    ['/api/scale', '{"version":"v1","replicas":1.5}'],
    ['/api/restart', '{"version":""}'],
    ['/api/scenario', '{"scenario":"v2-only"}'],
  ])('answers 400 to a malformed body (%s %s)', async (path, body) => {
    const state = lab.state();
    const reply = await send(new URL(path, ui.url).href, 'POST', body);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: expect.any(String) });
    expect([lab.requests, lab.state()]).toEqual([[], state]);
  });

  it('refuses a body not sent as JSON (what a cross-site form would send), and GET on the API', async () => {
    const form = await send(
      new URL('/api/scenario', ui.url).href,
      'POST',
      'name=v2-only',
      'text/plain',
    );
    expect(form.status).toBe(415);
    expect((await send(new URL('/api/scale', ui.url).href, 'GET')).status).toBe(405);
    expect(lab.state().scenario).toBe('weighted-90-10');
  });

  it('ends every event stream on close and stops listening', async () => {
    const stream = await events();
    await ui.close();
    await stream.ended;
    expect(lab.listenerCount('window')).toBe(0);
    await expect(send(ui.url, 'GET')).rejects.toThrow(/ECONNREFUSED/);
    ui = await startUiServer(lab, { port: 0 }); // for afterEach
  });
});
