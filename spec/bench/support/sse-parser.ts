/**
 * @module
 * The raw baseline's minimal SSE parsing: events separated by a blank line, `event:` and `data:`
 * fields (what every server under test writes; no ids, retries or CRLF).
 */
export interface SseEvent {
  event: string;
  data: string;
}

/** Parses a complete SSE body. */
export function parseSseBody(body: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of body.split('\n\n')) {
    const event = parseBlock(block);
    if (event) events.push(event);
  }
  return events;
}

/** An incremental parser: feed chunks, get complete events. */
export function sseStream(onEvent: (event: SseEvent) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = parseBlock(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event) onEvent(event);
    }
  };
}

function parseBlock(block: string): SseEvent | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
    else if (line.startsWith('event:')) event = line.slice(6).trim();
  }
  return data.length ? { event, data: data.join('\n') } : undefined;
}
