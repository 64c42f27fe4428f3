import { schemas } from './schemas';

/** Every method name of the contract. */
export type MethodName = keyof typeof schemas;

/** The allow-list the preload and the bridge expose; nothing else is callable. */
export const METHOD_NAMES = Object.keys(schemas) as MethodName[];

export function isMethodName(x: unknown): x is MethodName {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(schemas, x);
}
