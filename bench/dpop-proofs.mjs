// Writes COUNT fresh DPoP proofs (RFC 9449 §4.2), one per line, for one ES256 key: every proof has
// its own jti and the current iat, so each may be sent exactly once.
//   node bench/dpop-proofs.mjs COUNT HTU OUTFILE
import { generateKeyPairSync, sign, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const [count, htu, out] = process.argv.slice(2);
const b64 = (data) => Buffer.from(data).toString('base64url');
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
const header = b64(JSON.stringify({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } }));
const iat = Math.floor(Date.now() / 1000);
const lines = [];
for (let i = 0; i < Number(count); i++) {
  const input = `${header}.${b64(JSON.stringify({ jti: randomUUID(), htm: 'POST', htu, iat }))}`;
  lines.push(`${input}.${b64(sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }))}`);
}
writeFileSync(out, lines.join('\n') + '\n');
