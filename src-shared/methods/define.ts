import type { z } from 'zod';

export interface MethodDef<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: carries the output type only. */
  readonly __output?: O;
}

/** `method<Output>()(inputSchema)` declares a method of the API table. */
export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodDef<I, O> => ({ input });
}
