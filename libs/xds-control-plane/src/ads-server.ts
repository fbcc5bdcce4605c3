// ADS transport, state of the world: one bidirectional stream per client carries every resource
// type. Which resources exist comes from the snapshot; this file only decides when to send what.
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { DiscoveryRequest__Output } from '@grpc/grpc-js-xds/build/src/generated/envoy/service/discovery/v3/DiscoveryRequest';
import type { DiscoveryResponse } from '@grpc/grpc-js-xds/build/src/generated/envoy/service/discovery/v3/DiscoveryResponse';
import { EventEmitter } from 'node:events';
import type { ResourceTypeUrl, Snapshot } from './resources';

type AdsStream = ServerDuplexStream<DiscoveryRequest__Output, DiscoveryResponse>;

export interface StreamEvent {
  nodeId: string;
  peer: string;
}
export interface ResponseEvent extends StreamEvent {
  typeUrl: ResourceTypeUrl;
  version: string;
  nonce: string;
  names: string[];
}
export interface AckEvent extends StreamEvent {
  typeUrl: ResourceTypeUrl;
  version: string;
  nonce: string;
}
export interface NackEvent extends StreamEvent {
  typeUrl: ResourceTypeUrl;
  /** The version the client refused. */
  rejectedVersion: string;
  /** The version it keeps using (its last ACK). */
  keptVersion: string;
  nonce: string;
  message: string;
}
export interface AdsEvents {
  'stream-open': [StreamEvent];
  'stream-close': [StreamEvent];
  response: [ResponseEvent];
  ack: [AckEvent];
  nack: [NackEvent];
}

/** What one stream has asked for and been sent, per resource type. */
interface Subscription {
  names: Set<string>;
  sentVersion?: string;
  nonce?: string;
}

interface StreamState {
  who: StreamEvent;
  subscriptions: Map<ResourceTypeUrl, Subscription>;
}

export class AdsServer extends EventEmitter<AdsEvents> {
  private readonly streams = new Map<AdsStream, StreamState>();
  // Nonces only need to be unique per stream; one counter makes them unique everywhere.
  private nonceCounter = 0;

  constructor(private snapshot: Snapshot) {
    super();
  }

  /** Makes `snapshot` current and pushes every type whose version changed to its subscribers. */
  setSnapshot(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    for (const [stream, state] of this.streams) {
      for (const typeUrl of state.subscriptions.keys()) {
        this.sendIfChanged(stream, state, typeUrl, false);
      }
    }
  }

  /** The grpc-js handler for envoy.service.discovery.v3.AggregatedDiscoveryService. */
  readonly implementation = {
    StreamAggregatedResources: (stream: AdsStream) => this.serve(stream),
  };

  /** Ends every stream with OK, so clients reconnect (to whoever listens next) without delay. */
  endAllStreams(): void {
    for (const stream of [...this.streams.keys()]) {
      this.close(stream);
      stream.end();
    }
  }

  private serve(stream: AdsStream): void {
    const state: StreamState = {
      who: { nodeId: '', peer: stream.getPeer() },
      subscriptions: new Map(),
    };
    this.streams.set(stream, state);
    stream.on('data', (request: DiscoveryRequest__Output) => {
      // Only the first request must carry the node (set_node_on_first_message_only).
      if (!state.who.nodeId && request.node) {
        state.who.nodeId = request.node.id;
        this.emit('stream-open', state.who);
      }
      this.handleRequest(stream, state, request);
    });
    stream.on('end', () => {
      this.close(stream);
      stream.end();
    });
    stream.on('error', () => this.close(stream));
    stream.on('cancelled', () => this.close(stream));
  }

  private close(stream: AdsStream): void {
    const state = this.streams.get(stream);
    if (state && this.streams.delete(stream)) this.emit('stream-close', state.who);
  }

  private handleRequest(stream: AdsStream, state: StreamState, request: DiscoveryRequest__Output) {
    const typeUrl = request.type_url as ResourceTypeUrl;
    if (!(typeUrl in this.snapshot)) return; // a type we do not serve: the client times it out
    const subscription = state.subscriptions.get(typeUrl) ?? { names: new Set<string>() };
    state.subscriptions.set(typeUrl, subscription);
    // A reply to a response we have since superseded says nothing about the current one.
    if (request.response_nonce && request.response_nonce !== subscription.nonce) return;
    if (request.response_nonce) {
      const base = { ...state.who, typeUrl, nonce: request.response_nonce };
      if (request.error_detail) {
        this.emit('nack', {
          ...base,
          rejectedVersion: subscription.sentVersion ?? '',
          keptVersion: request.version_info,
          message: request.error_detail.message,
        });
      } else {
        this.emit('ack', { ...base, version: request.version_info });
      }
    }
    const names = new Set(request.resource_names);
    const namesChanged = !sameSet(names, subscription.names);
    subscription.names = names;
    this.sendIfChanged(stream, state, typeUrl, namesChanged);
  }

  /**
   * Sends the type's subscribed resources, all of them (state of the world: a Listener or Cluster
   * left out means "deleted"), unless this stream already has this version for these names.
   * That is also why a NACK is not answered: resending the refused version would only loop.
   */
  private sendIfChanged(
    stream: AdsStream,
    state: StreamState,
    typeUrl: ResourceTypeUrl,
    namesChanged: boolean,
  ): void {
    const subscription = state.subscriptions.get(typeUrl);
    const { version, resources } = this.snapshot[typeUrl];
    if (!subscription || (!namesChanged && subscription.sentVersion === version)) return;
    const sending = [...resources].filter(([name]) => subscription.names.has(name));
    const names = sending.map(([name]) => name);
    const nonce = String(++this.nonceCounter);
    subscription.sentVersion = version;
    subscription.nonce = nonce;
    stream.write({
      version_info: version,
      type_url: typeUrl,
      nonce,
      resources: sending.map(([, resource]) => resource),
    });
    this.emit('response', { ...state.who, typeUrl, version, nonce, names });
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}
