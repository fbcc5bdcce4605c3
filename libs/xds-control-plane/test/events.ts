import { EventEmitter } from 'node:events';
import type { AdsEvents } from '../src/index';

type Payload<K extends keyof AdsEvents> = AdsEvents[K][0];

/** The next control-plane `event` matching `accept`, or a rejection naming what never came. */
export function nextEvent<K extends keyof AdsEvents>(
  events: EventEmitter<AdsEvents>,
  event: K,
  accept: (payload: Payload<K>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Payload<K>> {
  const emitter = events as EventEmitter; // the typed overloads don't survive a generic K
  return new Promise((resolve, reject) => {
    const listener = (payload: Payload<K>) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`no matching '${event}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    emitter.on(event, listener);
  });
}
