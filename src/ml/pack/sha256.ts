/** SHA-256 hex of bytes through Web Crypto (present in browsers and in Node 20 as globalThis.crypto). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle)
    throw new Error('Web Crypto is unavailable: the page must be served over https or from localhost.');
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
