import type { z } from 'zod';
import type { MethodName } from '../../../shared/methods';
import type { MethodOutput } from '../../../shared/api';
import type { Schemas } from '../../../shared/schemas';
import type { Engine } from '../engine';

/** A handler receives the validated input and returns the method's output. */
export type Handler<M extends MethodName> = (
  engine: Engine,
  input: z.output<Schemas[M]['input']>,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type HandlerMap<K extends MethodName> = { [M in K]: Handler<M> };
