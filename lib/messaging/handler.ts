import type { z } from 'zod';
import { parseRequest, type Reply } from './protocol';

export type HandlerMap<
  Request extends { type: string },
  Responses extends Record<Request['type'], unknown>,
  Sender,
> = {
  [K in Request['type']]: (
    request: Extract<Request, { type: K }>,
    sender: Sender,
  ) => Promise<Responses[K]> | Responses[K];
};

/**
 * Builds the receiving end of one side of the protocol: validates each message with zod,
 * dispatches by `type`, and turns every failure into an `{ ok: false }` reply with a logged
 * reason instead of an exception lost in the messaging layer.
 */
export function createMessageHandler<
  Request extends { type: string },
  Responses extends Record<Request['type'], unknown>,
  Sender,
>(
  schema: z.ZodType<Request>,
  handlers: HandlerMap<Request, Responses, Sender>,
  log: (reason: string) => void = (reason) => console.warn(`[fineprint] ${reason}`),
) {
  return async (message: unknown, sender: Sender): Promise<Reply<unknown>> => {
    const parsed = parseRequest(schema, message);
    if (!parsed.ok) {
      log(parsed.error);
      return { ok: false, error: parsed.error };
    }
    const request = parsed.request;
    const handler = handlers[request.type as Request['type']] as (
      request: Request,
      sender: Sender,
    ) => Promise<unknown> | unknown;
    try {
      return { ok: true, data: await handler(request, sender) };
    } catch (error) {
      const reason = `${request.type} failed: ${error instanceof Error ? error.message : String(error)}`;
      log(reason);
      return { ok: false, error: reason };
    }
  };
}
