/** The photo types the product keeps (sniffed from the bytes by server/photos/sniff.ts). */
export type PhotoMime = 'image/jpeg' | 'image/png';
