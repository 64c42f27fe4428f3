import { describe, expect, it } from 'vitest';
import { encodeModel, float32Raw, int64Raw, staticEmbeddingModel } from '../../../electron/engine/search/embed/build/onnx-writer';

describe('onnx-writer', () => {
  it('writes little-endian raw tensor data', () => {
    expect([...float32Raw(Float32Array.of(1))]).toEqual([0, 0, 0x80, 0x3f]);
    expect([...int64Raw([2])]).toEqual([2, 0, 0, 0, 0, 0, 0, 0]);
    expect([...int64Raw([-1])]).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
  });

  it('encodes fields with protobuf tags and varints', () => {
    const bytes = encodeModel({ irVersion: 8, opsetVersion: 300, producerName: 'p', producerVersion: '', docString: '', graphName: 'g', nodes: [], initializers: [], inputs: [], outputs: [], metadata: [] });
    // ModelProto.ir_version (field 1, varint) = 8, then producer_name (field 2) = "p".
    expect([...bytes.subarray(0, 5)]).toEqual([0x08, 8, 0x12, 1, 0x70]);
    // opset_import (field 8) holds version (field 2) = 300 as a two-byte varint.
    const tail = [...bytes.subarray(bytes.length - 5)];
    expect(tail).toEqual([0x0a, 0, 0x10, 0xac, 0x02]);
  });

  it('gives the same bytes for the same model', () => {
    const e = Float32Array.from({ length: 12 }, (_, i) => i / 7);
    const meta = { docString: 'd', producerVersion: 'v', metadata: [['k', 'v']] as [string, string][] };
    const a = staticEmbeddingModel(e, 4, 3, meta);
    const b = staticEmbeddingModel(Float32Array.from(e), 4, 3, meta);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
