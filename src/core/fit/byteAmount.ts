// A memory amount a user types: bytes, or with a decimal or binary unit ("24GB", "24 GiB").
import { InputError } from '../failures/inputError';
const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

export function parseByteAmount(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  if (!m || unit === undefined)
    throw new InputError(`${flag} must be a number of bytes (or with GB, GiB, MB…), not "${text}"`);
  return Math.round(Number(m[1]) * unit);
}
