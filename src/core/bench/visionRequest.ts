// A vision suite's requests carry the shipped image (visionImage.ts) in Ollama's `images` field
// (api/types.go GenerateRequest.Images, base64): the model's prompt is then the image's tokens
// plus the text, so prompt_eval_count and the prefill rate hold both, and the decode rate is the
// description's. Other suites' requests go out unchanged.
import type { GenerateRequest } from 'ollama';
import type { SuiteKind } from '../../shared/dto';
import { VISION_IMAGE_PNG_BASE64 } from './visionImage';

export function withSuiteImage<R extends GenerateRequest>(request: R, kind: SuiteKind): R {
  return kind === 'vision' ? { ...request, images: [VISION_IMAGE_PNG_BASE64] } : request;
}
