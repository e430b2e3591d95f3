/** What one system-service call answers: an ADS result, data for Read/ReadWrite, and whether to drop the caller. */
export interface SystemReply {
  result: number;
  data?: Uint8Array;
  /** The caller removed the route it uses: answer, then close its connection as a router would. */
  closeAfter?: boolean;
}

/** One client connection, for the file handles it owns. */
export interface SystemSession {
  readonly id: number;
}
