/**
 * A minimal protobuf writer for the few ONNX messages a static-embedding model needs.
 * Field numbers follow onnx/onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto,
 * ValueInfoProto, TypeProto, AttributeProto, OperatorSetIdProto). Output is a pure function
 * of the input, so the same model always serialises to the same bytes.
 */

const WIRE_VARINT = 0;
const WIRE_LEN = 2;

/** Growable byte sink with protobuf primitives. */
class Sink {
  private parts: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  varint(value: number | bigint): void {
    // Negative int64 values are encoded as 10-byte two's complement, as protobuf requires.
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.push(Uint8Array.from(out));
  }

  tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  intField(field: number, value: number | bigint): void {
    this.tag(field, WIRE_VARINT);
    this.varint(value);
  }

  bytesField(field: number, bytes: Uint8Array): void {
    this.tag(field, WIRE_LEN);
    this.varint(bytes.length);
    this.push(bytes);
  }

  stringField(field: number, value: string): void {
    this.bytesField(field, new TextEncoder().encode(value));
  }

  messageField(field: number, write: (s: Sink) => void): void {
    const inner = new Sink();
    write(inner);
    this.bytesField(field, inner.bytes());
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

/** ONNX TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, INT64: 7 } as const;

/** A constant tensor stored in the graph (raw little-endian bytes). */
export interface Initializer {
  name: string;
  dataType: number;
  dims: number[];
  raw: Uint8Array;
}

/** A graph input or output: element type and dims (a string is a symbolic dim). */
export interface ValueInfo {
  name: string;
  elemType: number;
  dims: (number | string)[];
}

/** An attribute; only INT is needed by the ops used here. */
export interface IntAttribute {
  name: string;
  int: number;
}

export interface Node {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes?: IntAttribute[];
}

export interface Model {
  irVersion: number;
  opsetVersion: number;
  producerName: string;
  producerVersion: string;
  docString: string;
  graphName: string;
  nodes: Node[];
  initializers: Initializer[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  metadata: [string, string][];
}

const ATTR_INT = 2;

function writeValueInfo(s: Sink, v: ValueInfo): void {
  s.stringField(1, v.name); // ValueInfoProto.name
  s.messageField(2, (type) => {
    // TypeProto.tensor_type
    type.messageField(1, (tensor) => {
      tensor.intField(1, v.elemType); // TypeProto.Tensor.elem_type
      tensor.messageField(2, (shape) => {
        for (const d of v.dims) {
          shape.messageField(1, (dim) => {
            // TensorShapeProto.Dimension: dim_value = 1, dim_param = 2
            if (typeof d === 'number') dim.intField(1, d);
            else dim.stringField(2, d);
          });
        }
      });
    });
  });
}

function writeNode(s: Sink, n: Node): void {
  for (const i of n.inputs) s.stringField(1, i);
  for (const o of n.outputs) s.stringField(2, o);
  s.stringField(3, n.name);
  s.stringField(4, n.opType);
  for (const a of n.attributes ?? []) {
    s.messageField(5, (attr) => {
      attr.stringField(1, a.name);
      attr.intField(3, a.int);
      attr.intField(20, ATTR_INT);
    });
  }
}

function writeInitializer(s: Sink, t: Initializer): void {
  for (const d of t.dims) s.intField(1, d); // dims (unpacked repeated int64 is valid proto2)
  s.intField(2, t.dataType);
  s.stringField(8, t.name);
  s.bytesField(9, t.raw);
}

/** Serialises a model to ONNX protobuf bytes. */
export function encodeModel(m: Model): Uint8Array {
  const s = new Sink();
  s.intField(1, m.irVersion);
  s.stringField(2, m.producerName);
  s.stringField(3, m.producerVersion);
  s.stringField(6, m.docString);
  s.messageField(7, (g) => {
    for (const n of m.nodes) g.messageField(1, (x) => writeNode(x, n));
    g.stringField(2, m.graphName);
    for (const t of m.initializers) g.messageField(5, (x) => writeInitializer(x, t));
    for (const v of m.inputs) g.messageField(11, (x) => writeValueInfo(x, v));
    for (const v of m.outputs) g.messageField(12, (x) => writeValueInfo(x, v));
  });
  s.messageField(8, (op) => {
    op.stringField(1, '');
    op.intField(2, m.opsetVersion);
  });
  for (const [key, value] of m.metadata) {
    s.messageField(14, (e) => {
      e.stringField(1, key);
      e.stringField(2, value);
    });
  }
  return s.bytes();
}

/** Little-endian bytes of a float32 array (ONNX raw_data is always little-endian). */
export function float32Raw(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] ?? 0, true);
  return out;
}

/** Little-endian bytes of int64 values. */
export function int64Raw(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return out;
}

/**
 * The static-embedding graph: last_hidden_state = Gather(embeddings, input_ids) * mask.
 * Padding and masked positions come out as zero rows, which mean pooling then ignores.
 */
export function staticEmbeddingModel(embeddings: Float32Array, vocabSize: number, dims: number, meta: { docString: string; producerVersion: string; metadata: [string, string][] }): Uint8Array {
  return encodeModel({
    irVersion: 8,
    opsetVersion: 17,
    producerName: 'sealdesk-build-default-model',
    producerVersion: meta.producerVersion,
    docString: meta.docString,
    graphName: 'static_embedding',
    nodes: [
      { opType: 'Gather', name: 'lookup', inputs: ['embeddings', 'input_ids'], outputs: ['token_vectors'], attributes: [{ name: 'axis', int: 0 }] },
      { opType: 'Cast', name: 'mask_to_float', inputs: ['attention_mask'], outputs: ['mask_float'], attributes: [{ name: 'to', int: DataType.FLOAT }] },
      { opType: 'Unsqueeze', name: 'mask_expand', inputs: ['mask_float', 'unsqueeze_axes'], outputs: ['mask_expanded'] },
      { opType: 'Mul', name: 'apply_mask', inputs: ['token_vectors', 'mask_expanded'], outputs: ['last_hidden_state'] },
    ],
    initializers: [
      { name: 'embeddings', dataType: DataType.FLOAT, dims: [vocabSize, dims], raw: float32Raw(embeddings) },
      { name: 'unsqueeze_axes', dataType: DataType.INT64, dims: [1], raw: int64Raw([2]) },
    ],
    inputs: [
      { name: 'input_ids', elemType: DataType.INT64, dims: ['batch_size', 'sequence_length'] },
      { name: 'attention_mask', elemType: DataType.INT64, dims: ['batch_size', 'sequence_length'] },
    ],
    outputs: [{ name: 'last_hidden_state', elemType: DataType.FLOAT, dims: ['batch_size', 'sequence_length', dims] }],
    metadata: meta.metadata,
  });
}
