// @zxing/library, loaded on demand. Bundlers and browsers see its ES build;
// Node sees its CommonJS build, whose names sit on the default export.
type Zxing = typeof import('@zxing/library');

export async function loadZxing(): Promise<Zxing> {
  const module = (await import('@zxing/library')) as Zxing & { default?: Zxing };
  return 'QRCodeReader' in module && module.QRCodeReader ? module : (module.default as Zxing);
}
