import type { Scalar } from './values';

/**
 * The node types binary XML reading works with, shared by the reader (binxml.ts), the
 * tree renderer (instantiate.ts), the mapping plans compiled from its templates (plan.ts),
 * the template cache and the event mapping, so that none of those needs the reader itself.
 */

/** A structural problem in EVTX data; the message says what and at which chunk offset. */
export class EvtxFormatError extends Error {
  override name = 'EvtxFormatError';
}

/** An element of a rendered event. Attribute values and text are rendered strings. */
export interface XmlElement {
  name: string;
  attrs: [string, XmlValue][];
  children: XmlNode[];
}
/** Text, or a list for array-typed substitution values. */
export type XmlValue = string | string[];
export type XmlNode = XmlElement | XmlValue;

export interface TSub { k: 'sub'; index: number; optional: boolean }
export interface TAttr { name: string; parts: (string | TSub)[] }
/**
 * `fixedAttrs`: the rendered attributes when none holds a substitution, built once and
 * shared by every instance (as NO_ATTRS is), else null.
 */
export interface TElem { k: 'el'; name: string; attrs: TAttr[]; fixedAttrs: [string, string][] | null; children: TNode[] }
export interface TDone { k: 'done'; node: XmlNode }
/** A compiled node: never mutated once built, since compiled templates are shared across chunks. */
export type TNode = string | TSub | TElem | TDone;

/** Substitution values of one template instance, decoded on first use. */
export interface Values {
  starts: number[];
  sizes: number[];
  types: number[];
  decoded: (Scalar | undefined)[];
}
/** A template instance as read: its compiled definition and its values. */
export interface Instance {
  tmpl: TNode[];
  v: Values;
}

/** Nodes one record may produce; a small record that expands past this is hostile. */
export const NODE_BUDGET = 200_000;
