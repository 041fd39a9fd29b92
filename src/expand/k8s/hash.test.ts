/**
 * configHash against values computed outside this code: each expected constant was computed
 * with coreutils, e.g. for the first case
 *   printf '%s' "$CONFIG" > config.json; printf '{\n  "name": "a"\n}' > card.json
 *   h=$(cat config.json card.json | sha256sum | cut -c1-16); python3 -c "print(int('$h', 16))"
 * (the first 8 bytes of sha256 read as a big-endian uint64, in decimal; reference §3.9).
 */
import { describe, expect, it } from 'vitest';
import { configHash } from './hash.js';

const CONFIG = '{"model":null,"description":"","instruction":""}';
const CARD = '{\n  "name": "a"\n}';
/** status.secretHash "deadbeef", hex-decoded: printf '\xde\xad\xbe\xef' > sh.bin */
const SECRET_HASH = Uint8Array.from([0xde, 0xad, 0xbe, 0xef]);
const SRT =
  '{"filesystem":{"allowWrite":[".","/tmp"],"denyRead":[],"denyWrite":[]},"network":{"allowedDomains":[],"deniedDomains":[]}}';
const SKILLS = '{"gitRefs":[{"url":"https://github.com/x/y","ref":"main","dest":"/skills/y"}]}';

describe('configHash', () => {
  it('config.json then agent-card.json', () => {
    // cat config.json card.json | sha256sum → e4ab7500e87f50d5…
    expect(configHash([CONFIG, CARD])).toBe('16477392308426199253');
  });

  it('with secretHash bytes (decoded, not the hex text)', () => {
    // cat config.json card.json sh.bin | sha256sum → c4f76f1700777352…; python hashlib over
    // config + card + bytes.fromhex('deadbeef') gives the same.
    expect(configHash([CONFIG, CARD, SECRET_HASH])).toBe('14192934895264166738');
  });

  it('with an srt-settings.json part', () => {
    // cat config.json card.json srt.json | sha256sum → 7c8774de1eb94dc9…
    expect(configHash([CONFIG, CARD, SRT])).toBe('8973269279906024905');
  });

  it('with a skills-init config.json part', () => {
    // cat config.json card.json skills.json | sha256sum → 8361641b29622418…
    expect(configHash([CONFIG, CARD, SKILLS])).toBe('9466957959530685464');
  });

  it('with every part', () => {
    // cat config.json card.json sh.bin srt.json skills.json | sha256sum → 1c18296962156133…
    expect(configHash([CONFIG, CARD, SECRET_HASH, SRT, SKILLS])).toBe('2024413565096911155');
  });

  it('with no parts: the sha256 of nothing', () => {
    // sha256sum < /dev/null → e3b0c44298fc1c14…
    expect(configHash([])).toBe('16406829232824261652');
    expect(configHash(['', new Uint8Array()])).toBe('16406829232824261652');
  });

  it('depends on the order of the parts', () => {
    // cat card.json config.json | sha256sum → c1e30244ed969470…
    expect(configHash([CARD, CONFIG])).toBe('13971012964100510832');
    expect(configHash([CARD, CONFIG])).not.toBe(configHash([CONFIG, CARD]));
  });
});
