// The few platform globals shared/ may use: the WHATWG text codecs, which both browsers and Node provide.
// Declared here because shared/ is compiled with neither the DOM nor the Node type library.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
