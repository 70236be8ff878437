import { Readable } from 'node:stream';

/** AWS's documented example keys: what both signers sign with when a test compares them. */
export const exampleCredentials = {
  accessKeyId: 'AKIDEXAMPLE0000000',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

interface SentRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * An SDK request handler that sends nothing: it keeps the request the client signed and answers
 * `reply`. `clientHeaders()` gives the headers the client added besides its signature, which a
 * hand-made signer must be given to sign the same request.
 */
export function keptRequest(reply = '{}') {
  let sent: SentRequest | undefined;
  const request = () => {
    if (!sent) throw new Error('the client sent no request');
    return sent;
  };
  return {
    requestHandler: {
      handle: async (r: SentRequest) => {
        sent = { headers: r.headers, body: String(r.body) };
        return { response: { statusCode: 200, headers: {}, body: Readable.from([reply]) } };
      },
    } as never,
    request,
    clientHeaders: (): Record<string, string> => {
      const { authorization: _a, 'x-amz-date': _d, 'x-amz-content-sha256': _c, ...rest } = request().headers;
      return rest;
    },
  };
}
