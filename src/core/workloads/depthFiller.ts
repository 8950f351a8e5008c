// The context of a depth level: plain words from a fixed list (as Ollama's cmd/bench builds its
// prompts), as many as the level's depth needs by the model's own tokenizer. The ratio of tokens
// to words is calibrated the way cmd/bench calibrates it (calibratePromptTokens): from Ollama's
// prompt_eval_count of a request with a known number of words, here less the count of the same
// request without them (the template, the nonce and the question), then refined by each level.
// Pure.

const WORDS = [
  'the quick brown fox jumps over lazy dog a bright sunny day in the meadow where flowers',
  'bloom and birds sing their morning songs while gentle breeze carries sweet scent of pine',
  'trees across rolling hills toward distant mountains covered with fresh snow beneath clear',
  'blue sky children play near old stone bridge that crosses winding river',
]
  .join(' ')
  .split(' ');

/** cmd/bench's starting guess, used until a calibration says otherwise. */
export const DEFAULT_TOKENS_PER_WORD = 1.3;
/** Words of the calibration request's filler. */
export const CALIBRATION_WORDS = 256;

/** `words` filler words, starting at `offset` in the list. */
export function fillerText(words: number, offset = 0): string {
  return Array.from(
    { length: Math.max(0, Math.round(words)) },
    (_, i) => WORDS[(i + offset) % WORDS.length],
  ).join(' ');
}

/** The level's prompt: the filler, then the question. */
export const depthPrompt = (fillerWords: number, question: string): string =>
  fillerWords > 0 ? `${fillerText(fillerWords)}\n\n${question}` : question;

/** Tokens per filler word from two of Ollama's counts; the default when they make no sense. */
export function tokensPerWord(withFiller: number, without: number, words: number): number {
  const ratio = (withFiller - without) / words;
  return words > 0 && Number.isFinite(ratio) && ratio > 0 ? ratio : DEFAULT_TOKENS_PER_WORD;
}

/** Filler words for a depth at this ratio. */
export const wordsForDepth = (depth: number, ratio: number): number => Math.round(depth / ratio);

/**
 * The largest depth that fits: num_ctx less the tokens to generate and the request's own tokens
 * (template, nonce, question), less one so the context is never full.
 */
export const depthCap = (numCtx: number, numPredict: number, baseTokens: number): number =>
  Math.max(0, numCtx - numPredict - baseTokens - 1);

/** The depths as run: each capped, repeats removed, in the order given. */
export function cappedDepths(depths: readonly number[], cap: number): number[] {
  return [...new Set(depths.map((d) => Math.min(d, cap)))];
}
