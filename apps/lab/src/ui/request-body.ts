import type { IncomingMessage } from 'node:http';

// Every change request is a few dozen bytes; anything near this is not from the page.
const MAX_BODY_BYTES = 64 * 1024;

export class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The request's JSON body. Throws BadRequest when it is not JSON, too large, or not sent as JSON. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  // Requiring this type means a cross-site form or no-cors fetch from another page in the same
  // browser cannot drive the lab: browsers only send it cross-origin after a CORS preflight,
  // which this server never answers.
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    throw new BadRequest('send the body as Content-Type: application/json', 415);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(`body over ${MAX_BODY_BYTES} bytes`, 413);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BadRequest('body is not JSON');
  }
}
