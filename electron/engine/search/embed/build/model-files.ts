import type { StaticVocab } from './static-vocab';
import { PAD, UNK } from './static-vocab';

/** Longest text, in tokens, the tokenizer keeps; a static model has no position limit, this just bounds work. */
export const MAX_TOKENS = 512;

/**
 * tokenizer.json for a WordPiece tokenizer: BERT normalizer (lowercase, strip accents,
 * clean control characters), BERT pre-tokenizer (split on whitespace and punctuation), and
 * no post-processor, so no [CLS]/[SEP] dilute the mean of the token vectors.
 */
export function tokenizerJson(vocab: StaticVocab): string {
  // Built by hand so the key order is the id order (a plain object would move "0".."9" first).
  const entries = vocab.tokens.map((t, i) => `${JSON.stringify(t)}:${i}`).join(',');
  const special = (id: number, content: string): object => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const head = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(0, PAD), special(1, UNK)],
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  };
  const model = `{"type":"WordPiece","unk_token":${JSON.stringify(UNK)},"continuing_subword_prefix":"##","max_input_chars_per_word":100,"vocab":{${entries}}}`;
  return `${JSON.stringify(head).slice(0, -1)},"model":${model}}\n`;
}

export function tokenizerConfigJson(): string {
  return `${JSON.stringify(
    {
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      strip_accents: null,
      tokenize_chinese_chars: true,
      model_max_length: MAX_TOKENS,
      pad_token: PAD,
      unk_token: UNK,
      clean_up_tokenization_spaces: true,
    },
    null,
    2,
  )}\n`;
}

/** config.json: "bert" is a model type transformers.js maps to a plain encoder for feature extraction. */
export function configJson(vocab: StaticVocab): string {
  return `${JSON.stringify(
    {
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: vocab.dims,
      vocab_size: vocab.tokens.length,
      max_position_embeddings: MAX_TOKENS,
      pad_token_id: 0,
      sealdesk: { kind: 'static-embedding', pooling: 'mean', normalize: true },
    },
    null,
    2,
  )}\n`;
}
