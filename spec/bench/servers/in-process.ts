/**
 * @module
 * The in-process (memory) cells run client and server in one process. Same-implementation pairs
 * use the implementation's own memory transport; mixed pairs meet at this message-level
 * interface: the server gets a function that delivers to the client and returns one that
 * delivers to it. Messages are passed by reference, as both memory transports do.
 */
export type Deliver = (message: object) => void;

export interface InProcessConnection {
  /** Delivers a client→server message. */
  send: Deliver;
  /** The client closed. */
  close(): void;
}

export type InProcessServer = (toClient: Deliver) => Promise<InProcessConnection>;
